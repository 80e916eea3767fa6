using System.Net;
using System.Text;

namespace Actors.Testing;

/// <summary>
/// A cloud instance-metadata endpoint on loopback. By default it answers like AWS's spot <c>instance-action</c>: 404 until
/// <see cref="Announce"/> is called, then 200 with the notice. Until then it may answer other ways instead: 200 with
/// <c>FALSE</c>, like GCP's <c>preempted</c> (which then says <c>TRUE</c>), or an error. Counts the polls it served.
/// </summary>
public sealed class FakeInstanceMetadata : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int _quietStatus;
    private readonly string _quietBody;
    private readonly Task _serving;
    private volatile string? _notice;
    private volatile string? _lastHeaders;
    private int _polls;

    /// <summary>Starts the endpoint; until a notice it answers <paramref name="quietStatus"/> with <paramref name="quietBody"/>.</summary>
    public FakeInstanceMetadata(int quietStatus = 404, string quietBody = "Not Found")
    {
        (_quietStatus, _quietBody) = (quietStatus, quietBody);
        var port = SiloProcess.FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/latest/meta-data/spot/instance-action");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>The URL to poll.</summary>
    public Uri Url { get; }

    /// <summary>How many requests were answered so far.</summary>
    public int Polls => Volatile.Read(ref _polls);

    /// <summary>The headers of the last request, one <c>name: value</c> per line.</summary>
    public string? LastHeaders => _lastHeaders;

    /// <summary>From now on, answer 200 with <paramref name="notice"/> (AWS sends a JSON action and time).</summary>
    public void Announce(string notice = """{"action": "terminate", "time": "2026-11-23T08:22:00Z"}""") => _notice = notice;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _lastHeaders = string.Join('\n', context.Request.Headers.AllKeys.Select(k => $"{k}: {context.Request.Headers[k]}"));
            Interlocked.Increment(ref _polls);
            var notice = _notice;
            context.Response.StatusCode = notice is null ? _quietStatus : 200;
            var body = Encoding.UTF8.GetBytes(notice ?? _quietBody);
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }
}
