using System.Diagnostics;
using Actors.Api.Client;
using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;

namespace Actors.Gateway.Tests.Services;

/// <summary>
/// Watches obey access and limits: a watcher removed from the class (or from the document's readers) stops receiving
/// within the re-check bound; a user holds at most 8 watches; a stream ends at its maximum lifetime and a resuming
/// client carries on without gaps or repeats.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class WatchLimitsTests(GatewayFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_watcher_removed_from_the_class_stops_receiving_within_the_bound()
    {
        var world = await fixture.WorldAsync();
        var leaver = await world.EnrolledStudentAsync();
        var watcher = new User(Schools.A, leaver, "student");
        using var stop = new CancellationTokenSource(Deadline);
        using var call = fixture.Documents.WatchAnnotations(new() { DocumentId = world.DocumentId }, watcher.Watching(stop.Token));
        Assert.True(await call.ResponseStream.MoveNext(stop.Token)); // the opening snapshot: access was granted

        await fixture.Classes.RemoveStudentAsync(new() { ClassId = world.ClassId, StudentId = leaver }, world.Teacher.Call);
        var removedAt = Stopwatch.StartNew();
        var ended = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(stop.Token))
            {
            }
        });

        Assert.Equal(StatusCode.PermissionDenied, ended.StatusCode);
        Assert.True(removedAt.Elapsed < GatewayFixture.AccessRecheckInterval + TimeSpan.FromSeconds(10), $"the stream ended {removedAt.Elapsed} after the removal");
        var again = await Assert.ThrowsAsync<RpcException>(() => fixture.Documents.ListAnnotationsAsync(new() { DocumentId = world.DocumentId }, watcher.Call).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, again.StatusCode);
    }

    [Fact]
    public async Task A_user_holds_at_most_eight_watches()
    {
        var world = await fixture.WorldAsync();
        var student = await world.EnrolledStudentAsync();
        var greedy = new User(Schools.A, student, "student");
        using var stop = new CancellationTokenSource(Deadline);
        var open = new List<AsyncServerStreamingCall<AnnotationEvent>>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                var call = fixture.Documents.WatchAnnotations(new() { DocumentId = world.DocumentId }, greedy.Watching(stop.Token));
                open.Add(call);
                Assert.True(await call.ResponseStream.MoveNext(stop.Token));
            }

            using var ninth = fixture.Documents.WatchAnnotations(new() { DocumentId = world.DocumentId }, greedy.Watching(stop.Token));
            var refused = await Assert.ThrowsAsync<RpcException>(() => ninth.ResponseStream.MoveNext(stop.Token));
            Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);

            // Someone else is not affected; and a closed watch frees its slot.
            using var teachers = fixture.Documents.WatchAnnotations(new() { DocumentId = world.DocumentId }, world.Teacher.Watching(stop.Token));
            Assert.True(await teachers.ResponseStream.MoveNext(stop.Token));
            open[0].Dispose();
            open.RemoveAt(0);
            await Actors.Testing.Poll.UntilAsync(
                async () =>
                {
                    var call = fixture.Documents.WatchAnnotations(new() { DocumentId = world.DocumentId }, greedy.Watching(stop.Token));
                    try
                    {
                        await call.ResponseStream.MoveNext(stop.Token);
                        open.Add(call);
                        return true;
                    }
                    catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
                    {
                        call.Dispose();
                        return false;
                    }
                },
                opened => opened,
                TimeSpan.FromSeconds(10),
                "a watch in the freed slot");
        }
        finally
        {
            open.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task A_stream_ends_at_its_lifetime_and_the_resuming_watcher_carries_on_without_gaps()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string?> { ["Gateway:Watch:MaxStreamLifetime"] = "00:00:01.500" });
        var documents = new DocumentService.DocumentServiceClient(gateway.Channel);
        var world = await fixture.WorldAsync();
        var docId = TestIds.New("doc");
        await documents.CreateDocumentAsync(new() { DocumentId = docId, Title = "Long lesson", PageCount = 1, ContentRef = "s3://docs/long.pdf" }, world.Teacher.Call);
        var start = await documents.GetDocumentAsync(new() { DocumentId = docId }, world.Teacher.Call);
        using var stop = new CancellationTokenSource(Deadline);
        var subscriptions = 0;
        const int Adds = 30;

        var watching = Task.Run(async () =>
        {
            var events = new List<AnnotationEvent>();
            await foreach (var e in documents.WatchResumingAsync(docId, start.Sequence, ct => { Interlocked.Increment(ref subscriptions); return world.Teacher.Watching(ct); }, cancellationToken: stop.Token))
            {
                events.Add(e);
                if (events.Count == Adds)
                {
                    break;
                }
            }

            return events;
        });

        // Added over about 6 s: the stream is cut every 1.5 s meanwhile.
        for (var i = 0; i < Adds; i++)
        {
            await documents.AddAnnotationAsync(new() { DocumentId = docId, AnnotationId = $"n{i:D2}", Page = 1, Body = World.Comment($"n{i}") }, world.Teacher.Call);
            await Task.Delay(200, stop.Token);
        }

        var seen = await watching;
        Assert.Equal(Enumerable.Range(1, Adds).Select(i => start.Sequence + i), seen.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, Adds).Select(i => $"n{i:D2}"), seen.Select(e => e.AnnotationId));
        Assert.True(subscriptions >= 3, $"the watcher subscribed {subscriptions} times; the streams should have been cut at least twice");
    }
}
