using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Actors.Testing;

/// <summary>Where <see cref="FaultProxy"/> cuts a connection that sends COMMIT.</summary>
public enum CommitCut
{
    /// <summary>Pass everything through.</summary>
    None,

    /// <summary>Drop the COMMIT and close the connection: the transaction cannot have applied.</summary>
    BeforeCommit,

    /// <summary>Forward the COMMIT, wait for the server's answer, then close without passing it on: it applied.</summary>
    AfterCommit,

    /// <summary>
    /// Close the client's side at once but keep the COMMIT and the server's side of the connection: the COMMIT
    /// reaches the server only just before the next message that carries the release marker (on any other
    /// connection) — a COMMIT still in flight while the client already retries. It applies, later than the client
    /// could see it.
    /// </summary>
    CommitLate,

    /// <summary>
    /// Swallow the COMMIT and keep both sides open, passing nothing on: the client's host vanished between its last
    /// statement and its COMMIT, and the server holds the open transaction (and its locks) until something ends it.
    /// </summary>
    Vanish,
}

/// <summary>
/// A TCP proxy on loopback between Npgsql and PostgreSQL that can cut one connection exactly at COMMIT,
/// so a test can make a commit's outcome unknown to the client — the "ambiguous commit" a CockroachDB node
/// drain or network failure produces. One cut per <see cref="ArmCommitCut"/>. It can also count round trips.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly Lock _gate = new();
    private int _armed; // a CommitCut, as int for Interlocked
    private byte[] _cutMarker = Encoding.ASCII.GetBytes("COMMIT");
    private byte[]? _releaseMarker;
    private Func<Task>? _onCut;
    private TaskCompletionSource _cutDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HeldCommit? _held;
    private int _roundTrips;
    private volatile TextWatch[] _watches = [];

    /// <summary>
    /// Starts a proxy to <paramref name="targetHost"/>:<paramref name="targetPort"/> on a free port of
    /// <paramref name="listenAddress"/> (default loopback; another address lets a host in a <see cref="NetworkNamespace"/>
    /// reach a server that listens on loopback only).
    /// </summary>
    public FaultProxy(string targetHost, int targetPort, IPAddress? listenAddress = null)
    {
        _target = new IPEndPoint(IPAddress.Parse(targetHost == "localhost" ? "127.0.0.1" : targetHost), targetPort);
        _listener = new TcpListener(listenAddress ?? IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The loopback port to connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many COMMITs were cut so far.</summary>
    public int Cuts { get; private set; }

    /// <summary>
    /// Client requests answered by the server so far, over all connections: one per round trip (a burst of
    /// messages from the client followed by the server's answer ending in ReadyForQuery).
    /// </summary>
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    /// <summary>
    /// Counts from now on the client message bursts (over all connections) that contain <paramref name="text"/>
    /// (UTF-8), e.g. a statement's text, which is no longer sent once the statement is prepared.
    /// </summary>
    public Func<int> Watch(string text)
    {
        var watch = new TextWatch(Encoding.UTF8.GetBytes(text));
        lock (_gate)
        {
            _watches = [.. _watches, watch];
        }

        return () => Volatile.Read(ref watch.Count);
    }

    /// <summary>
    /// Cuts the next client message burst that contains <paramref name="cutAt"/> (default: the text COMMIT; a
    /// statement's parameter value, such as a grain key, works too when statements are prepared and their text is
    /// no longer sent). <paramref name="onCut"/> runs after the cut and before the client sees it (e.g. another
    /// writer changing the row). For <see cref="CommitCut.CommitLate"/>, <paramref name="releaseAt"/> is the marker
    /// whose next appearance on another connection lets the held COMMIT through first.
    /// </summary>
    public Task ArmCommitCut(CommitCut mode, Func<Task>? onCut = null, string cutAt = "COMMIT", string? releaseAt = null)
    {
        if (mode == CommitCut.CommitLate && releaseAt is null)
        {
            throw new ArgumentException("CommitLate needs the marker that releases the held COMMIT.", nameof(releaseAt));
        }

        _cutDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _onCut = onCut;
        _cutMarker = Encoding.UTF8.GetBytes(cutAt);
        _releaseMarker = releaseAt is null ? null : Encoding.UTF8.GetBytes(releaseAt);
        Volatile.Write(ref _armed, (int)mode);
        return _cutDone.Task;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        using (client)
        {
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
                using var cut = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var relay = new Relay(client, server, cut.Token);
                var up = PumpClientToServerAsync(relay);
                var down = PumpServerToClientAsync(relay);
                await Task.WhenAny(up, down);
                if (relay.Cutting)
                {
                    // Closing the server side ends the server-to-client pump first; the client must not see the
                    // cut until the cutting pump (and the test's onCut) has finished.
                    await up;
                }

                await cut.CancelAsync();
            }
            catch (Exception)
            {
                // A relay ends when either side closes; nothing to report.
            }
        }
    }

    private async Task PumpClientToServerAsync(Relay relay)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await relay.Client.ReadAsync(buffer, relay.Token);
            if (read == 0)
            {
                return;
            }

            var chunk = buffer.AsMemory(0, read);
            foreach (var watch in _watches)
            {
                if (chunk.Span.IndexOf(watch.Text) >= 0)
                {
                    Interlocked.Increment(ref watch.Count);
                }
            }

            await ReleaseHeldCommitAsync(relay, chunk);
            var mode = (CommitCut)Volatile.Read(ref _armed);
            if (mode != CommitCut.None && chunk.Span.IndexOf(_cutMarker) >= 0
                && Interlocked.CompareExchange(ref _armed, (int)CommitCut.None, (int)mode) == (int)mode)
            {
                // From here on nothing the server says reaches the client.
                relay.Cutting = true;
                if (mode == CommitCut.CommitLate)
                {
                    // The client sees its connection die now; the server keeps its side (and the transaction open)
                    // until another connection sends the release marker.
                    var held = new HeldCommit(relay, chunk.ToArray());
                    lock (_gate)
                    {
                        _held = held;
                    }

                    relay.CloseClient();
                    Cuts++;
                    await held.Released.Task.WaitAsync(TimeSpan.FromSeconds(60), _stop.Token);
                    return;
                }

                if (mode == CommitCut.AfterCommit)
                {
                    await relay.Server.WriteAsync(chunk, relay.Token);
                    // The server's answer (up to ReadyForQuery) means the COMMIT applied; wait for it, then drop it.
                    await relay.ServerAnswered.Task.WaitAsync(TimeSpan.FromSeconds(10), relay.Token);
                }

                if (mode == CommitCut.Vanish)
                {
                    // Nothing more passes either way; the server side stays open, its transaction idle, until the
                    // server ends it or the relay stops.
                    Cuts++;
                    if (_onCut is { } onVanish)
                    {
                        await onVanish();
                    }

                    _cutDone.TrySetResult();
                    await Task.Delay(Timeout.Infinite, relay.Token);
                }

                // Close the server side first so it rolls back whatever it did not commit and frees its locks,
                // then let the test act, and only then let the client see its connection die.
                relay.CloseServer();
                Cuts++;
                if (_onCut is { } onCut)
                {
                    await onCut();
                }

                _cutDone.TrySetResult();
                return; // closing both sockets: the client sees the connection die mid-COMMIT
            }

            relay.AwaitingAnswer = true;
            await relay.Server.WriteAsync(chunk, relay.Token);
        }
    }

    /// <summary>Before <paramref name="chunk"/> goes on, a COMMIT held back for its release marker reaches the server and is answered.</summary>
    private async Task ReleaseHeldCommitAsync(Relay relay, ReadOnlyMemory<byte> chunk)
    {
        HeldCommit? held;
        lock (_gate)
        {
            held = _held;
            if (held is null || held.Relay == relay || _releaseMarker is null || chunk.Span.IndexOf(_releaseMarker) < 0)
            {
                return;
            }

            _held = null;
        }

        await held.Relay.Server.WriteAsync(held.Bytes, _stop.Token);
        await held.Relay.ServerAnswered.Task.WaitAsync(TimeSpan.FromSeconds(10), _stop.Token);
        held.Relay.CloseServer();
        if (_onCut is { } onCut)
        {
            await onCut();
        }

        held.Released.TrySetResult();
        _cutDone.TrySetResult();
    }

    private async Task PumpServerToClientAsync(Relay relay)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await relay.Server.ReadAsync(buffer, relay.Token);
            if (read == 0)
            {
                return;
            }

            var endsWithReadyForQuery = EndsWithReadyForQuery(buffer.AsSpan(0, read));
            if (relay.Cutting)
            {
                if (endsWithReadyForQuery)
                {
                    relay.ServerAnswered.TrySetResult();
                }

                continue;
            }

            if (endsWithReadyForQuery && relay.AwaitingAnswer)
            {
                relay.AwaitingAnswer = false;
                Interlocked.Increment(ref _roundTrips);
            }

            await relay.Client.WriteAsync(buffer.AsMemory(0, read), relay.Token);
        }
    }

    /// <summary>
    /// The server ends every answer with ReadyForQuery: 'Z', length 5, and the transaction status (I, T or E).
    /// Good enough to tell a complete answer in tests (a message ending in these six bytes by chance would fool it).
    /// </summary>
    private static bool EndsWithReadyForQuery(ReadOnlySpan<byte> data)
        => data.Length >= 6 && data[^6] == (byte)'Z' && data[^5] == 0 && data[^4] == 0 && data[^3] == 0 && data[^2] == 5
           && data[^1] is (byte)'I' or (byte)'T' or (byte)'E';

    private sealed class Relay(TcpClient client, TcpClient server, CancellationToken token)
    {
        public NetworkStream Client { get; } = client.GetStream();

        public NetworkStream Server { get; } = server.GetStream();

        public void CloseServer() => server.Close();

        public void CloseClient() => client.Close();

        public CancellationToken Token { get; } = token;

        public volatile bool Cutting;

        public volatile bool AwaitingAnswer;

        public TaskCompletionSource ServerAnswered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class TextWatch(byte[] text)
    {
        public byte[] Text { get; } = text;

        public int Count;
    }

    private sealed class HeldCommit(Relay relay, byte[] bytes)
    {
        public Relay Relay { get; } = relay;

        public byte[] Bytes { get; } = bytes;

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
