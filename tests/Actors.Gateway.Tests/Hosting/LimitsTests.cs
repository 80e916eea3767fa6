using System.Diagnostics.Metrics;
using Actors.Api.Client;
using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;

namespace Actors.Gateway.Tests.Hosting;

/// <summary>Per-user rate limits and deadlines.</summary>
[Collection(GatewayCollection.Name)]
public sealed class LimitsTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Calls_over_a_users_rate_limit_get_resource_exhausted_and_other_users_are_unaffected()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string?>
        {
            ["Gateway:RateLimit:PermitsPerSecond"] = "1",
            ["Gateway:RateLimit:Burst"] = "3",
        });
        var students = new StudentService.StudentServiceClient(gateway.Channel);
        var (busy, other) = (await fixture.StudentAsync(), await fixture.StudentAsync());

        var statuses = new List<StatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await StatusOf(students.GetPageViewsAsync(new() { StudentId = busy.Id }, busy.Call)));
        }

        var otherStatus = await StatusOf(students.GetPageViewsAsync(new() { StudentId = other.Id }, other.Call));

        Assert.Equal([StatusCode.OK, StatusCode.OK, StatusCode.OK, StatusCode.ResourceExhausted], statuses);
        Assert.Equal(StatusCode.OK, otherStatus);
    }

    [Fact]
    public async Task A_watch_ends_on_the_server_when_its_deadline_passes()
    {
        var world = await fixture.WorldAsync();
        var finished = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "actors.gateway.rpc.calls")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var method = tags.ToArray().FirstOrDefault(t => t.Key == "rpc.method").Value as string;
            if (method == "/actors.v1.DocumentService/WatchAnnotations")
            {
                finished.TrySetResult((int)tags.ToArray().First(t => t.Key == "rpc.grpc.status_code").Value!);
            }
        });
        listener.Start();

        using var watch = fixture.Documents.WatchAnnotations(new() { DocumentId = world.DocumentId }, Bearer.Options(world.Student.Token, DateTime.UtcNow.AddSeconds(1)));
        var client = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await watch.ResponseStream.MoveNext())
            {
            }
        });

        // The server's handler returned (its grain watch cancelled), with the deadline's status.
        var serverStatus = await finished.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(StatusCode.DeadlineExceeded, client.StatusCode);
        Assert.Contains((StatusCode)serverStatus, new[] { StatusCode.DeadlineExceeded, StatusCode.Cancelled });
    }

    private static async Task<StatusCode> StatusOf<T>(AsyncUnaryCall<T> call)
    {
        try
        {
            await call;
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
