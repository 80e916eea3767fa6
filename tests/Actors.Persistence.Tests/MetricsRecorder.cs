using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.Persistence.CockroachDb.Diagnostics;

namespace Actors.Persistence.Tests;

/// <summary>
/// Sums the provider's counters for one provider name (tests run in parallel, so filter by it). Integer histograms
/// are summed too, and their number of recordings is kept under "<c>name|count</c>".
/// </summary>
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
            if (instrument.Meter.Name == CockroachStorageMetrics.MeterName && instrument is Counter<long> or Histogram<int>)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.SetMeasurementEventCallback<int>((instrument, measurement, tags, state) =>
        {
            OnMeasurement(instrument, measurement, tags, state);
            if (IsMine(tags))
            {
                _totals.AddOrUpdate($"{instrument.Name}|count", 1, (_, v) => v + 1);
            }
        });
        _listener.Start();
    }

    /// <summary>Sum of <paramref name="instrument"/> where the tag <paramref name="tag"/> (if given) equals <paramref name="value"/>.</summary>
    public long Total(string instrument, string? tag = null, string? value = null)
        => _totals.GetValueOrDefault(tag is null ? instrument : $"{instrument}|{tag}={value}");

    private void OnMeasurement(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (!IsMine(tags))
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

    private bool IsMine(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var t in tags)
        {
            if (t.Key == "provider" && (string?)t.Value == _provider)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _listener.Dispose();
}
