using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;

namespace Actors.Gateway.Diagnostics;

/// <summary>The gateway's own instruments (meter <see cref="MeterName"/>), exported on <c>/metrics</c>.</summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "Actors.Gateway";

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _malformed;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _calls = meter.CreateCounter<long>("actors.gateway.rpc.calls", "{call}", "gRPC calls finished, by method and gRPC status code.");
        _duration = meter.CreateHistogram<double>("actors.gateway.rpc.duration", "s", "How long gRPC calls took, by method and gRPC status code (streams: until they ended).");
        _retries = meter.CreateCounter<long>("actors.gateway.grain.retries", "{retry}", "Grain calls retried after a transient failure (silo loss, timeout), by exception type.");
        _malformed = meter.CreateCounter<long>("actors.gateway.rpc.malformed_requests", "{call}", "Calls refused with INVALID_ARGUMENT because their body was not valid protobuf, by method (not logged one by one).");
    }

    public void CallFinished(string method, StatusCode code, TimeSpan elapsed)
    {
        var tags = new TagList { { "rpc.method", method }, { "rpc.grpc.status_code", (int)code } };
        _calls.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    public void MalformedRequest(string method) => _malformed.Add(1, new KeyValuePair<string, object?>("rpc.method", method));

    public void GrainCallRetried(Exception? cause)
        => _retries.Add(1, new KeyValuePair<string, object?>("exception.type", cause?.GetType().Name ?? "none"));
}
