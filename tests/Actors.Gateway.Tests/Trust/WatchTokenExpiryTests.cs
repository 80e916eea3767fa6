using System.Collections.Concurrent;
using Actors.Api.Client;
using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Actors.Gateway.Tests.Trust;

/// <summary>
/// A watch is one call that lasts: the token it was opened with is checked once by authentication, so the watch must end
/// by itself when that token expires — with <c>UNAUTHENTICATED</c>, and with nothing delivered after the expiry — while
/// the writer, whose token is fresh, carries on.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class WatchTokenExpiryTests(GatewayFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_watch_that_outlives_its_token_ends_with_unauthenticated_and_delivers_nothing_after_the_expiry()
    {
        var world = await fixture.WorldAsync();

        // No clock skew at this gateway, so the token stops being accepted at its 'exp' exactly.
        await using var gateway = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string?> { ["Jwt:ClockSkew"] = "00:00:00" });
        var documents = new DocumentService.DocumentServiceClient(gateway.Channel);
        var docId = TestIds.New("expiring-watch");
        await documents.CreateDocumentAsync(new() { DocumentId = docId, Title = "Expiry", PageCount = 1, ContentRef = "s3://docs/expiry.pdf" }, world.Teacher.Call);

        // The watcher signs in with a token that expires a few seconds into the watch.
        var shortLived = GatewayHost.SigningKey.Mint(Schools.A, world.Teacher.Id, "teacher", TimeSpan.FromSeconds(6));
        var expiry = new DateTimeOffset(new JsonWebToken(shortLived).ValidTo, TimeSpan.Zero);
        using var stop = new CancellationTokenSource(Deadline);
        using var watch = documents.WatchAnnotations(new() { DocumentId = docId }, Bearer.Options(shortLived, cancellationToken: stop.Token));
        Assert.True(await watch.ResponseStream.MoveNext(stop.Token));
        Assert.Equal(AnnotationEventKind.Snapshot, watch.ResponseStream.Current.Kind);

        // A writer with a fresh token annotates until the watch has ended, noting when it asked for each annotation.
        var askedAt = new ConcurrentDictionary<string, DateTimeOffset>();
        using var watchEnded = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !watchEnded.IsCancellationRequested; i++)
            {
                var id = $"n{i:D4}";
                askedAt[id] = DateTimeOffset.UtcNow;
                await documents.AddAnnotationAsync(new() { DocumentId = docId, AnnotationId = id, Page = 1, Body = World.Comment(id) }, world.Teacher.Call);
                await Task.Delay(100, CancellationToken.None);
            }
        });

        var received = new List<string>();
        var ended = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await watch.ResponseStream.MoveNext(stop.Token))
            {
                received.Add(watch.ResponseStream.Current.AnnotationId);
            }
        });
        var endedAt = DateTimeOffset.UtcNow;
        await watchEnded.CancelAsync();
        await writer;

        Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
        Assert.Contains("token expired", ended.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("sign in again", ended.Status.Detail, StringComparison.Ordinal);
        Assert.True(endedAt >= expiry, $"the watch ended at {endedAt:O}, before its token expired at {expiry:O}");

        // The watch was live before the expiry, and nothing asked for after the expiry reached it.
        Assert.Contains(received, id => askedAt[id] < expiry);
        Assert.All(received, id => Assert.True(askedAt[id] < expiry, $"'{id}', asked for at {askedAt[id]:O}, arrived after the expiry at {expiry:O}"));

        // A new call with that token is refused too; the writer's fresh token still works.
        var again = await Assert.ThrowsAsync<RpcException>(() => documents.GetDocumentAsync(new() { DocumentId = docId }, Bearer.Options(shortLived, DateTime.UtcNow.AddSeconds(20))).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, again.StatusCode);
        await documents.GetDocumentAsync(new() { DocumentId = docId }, world.Teacher.Call);
    }
}
