using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.Persistence.CockroachDb.Diagnostics;

namespace Actors.Persistence.Tests;

/// <summary>Sums the provider's counters for one provider name (tests run in parallel, so filter by it).</summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();
    private readonly string _provider;

    public MetricsRecorder(string provider)
    {
        _provider = provider;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CockroachStorageMetrics.MeterName && instrument is Counter<long>)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Sum of <paramref name="instrument"/> where the tag <paramref name="tag"/> (if given) equals <paramref name="value"/>.</summary>
    public long Total(string instrument, string? tag = null, string? value = null)
        => _totals.GetValueOrDefault(tag is null ? instrument : $"{instrument}|{tag}={value}");

    private void OnMeasurement(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var mine = false;
        foreach (var t in tags)
        {
            mine |= t.Key == "provider" && (string?)t.Value == _provider;
        }

        if (!mine)
        {
            return;
        }

        _totals.AddOrUpdate(instrument.Name, measurement, (_, v) => v + measurement);
        foreach (var t in tags)
        {
            if (t.Key != "provider")
            {
                _totals.AddOrUpdate($"{instrument.Name}|{t.Key}={t.Value}", measurement, (_, v) => v + measurement);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
