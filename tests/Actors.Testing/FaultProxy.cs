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
}

/// <summary>
/// A TCP proxy on loopback between Npgsql and PostgreSQL that can cut one connection exactly at COMMIT,
/// so a test can make a commit's outcome unknown to the client — the "ambiguous commit" a CockroachDB node
/// drain or network failure produces. One cut per <see cref="ArmCommitCut"/>.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly byte[] CommitBytes = Encoding.ASCII.GetBytes("COMMIT");

    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _armed; // a CommitCut, as int for Interlocked
    private Func<Task>? _onCut;
    private TaskCompletionSource _cutDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
    /// Cuts the next connection that sends COMMIT. <paramref name="onCut"/> runs after the cut and before the
    /// client sees it (e.g. another writer changing the row).
    /// </summary>
    public Task ArmCommitCut(CommitCut mode, Func<Task>? onCut = null)
    {
        _cutDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _onCut = onCut;
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
                var relay = new Relay(client.GetStream(), server, cut.Token);
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

            var mode = (CommitCut)Volatile.Read(ref _armed);
            if (mode != CommitCut.None && buffer.AsSpan(0, read).IndexOf(CommitBytes) >= 0
                && Interlocked.CompareExchange(ref _armed, (int)CommitCut.None, (int)mode) == (int)mode)
            {
                // From here on nothing the server says reaches the client.
                relay.Cutting = true;
                if (mode == CommitCut.AfterCommit)
                {
                    await relay.Server.WriteAsync(buffer.AsMemory(0, read), relay.Token);
                    // The server's reply to COMMIT means it applied; wait for it, then drop it.
                    await relay.ServerAnswered.Task.WaitAsync(TimeSpan.FromSeconds(10), relay.Token);
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

            await relay.Server.WriteAsync(buffer.AsMemory(0, read), relay.Token);
        }
    }

    private static async Task PumpServerToClientAsync(Relay relay)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await relay.Server.ReadAsync(buffer, relay.Token);
            if (read == 0)
            {
                return;
            }

            if (relay.Cutting)
            {
                relay.ServerAnswered.TrySetResult();
                continue;
            }

            await relay.Client.WriteAsync(buffer.AsMemory(0, read), relay.Token);
        }
    }

    private sealed class Relay(NetworkStream client, TcpClient server, CancellationToken token)
    {
        public NetworkStream Client { get; } = client;

        public NetworkStream Server { get; } = server.GetStream();

        public void CloseServer() => server.Close();

        public CancellationToken Token { get; } = token;

        public volatile bool Cutting;

        public TaskCompletionSource ServerAnswered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
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
