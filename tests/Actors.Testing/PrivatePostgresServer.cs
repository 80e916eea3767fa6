using System.Diagnostics;
using System.Globalization;

namespace Actors.Testing;

/// <summary>
/// A PostgreSQL server of a test's own (<c>scripts/pg.sh</c> on a free port with its own data folder), for faults that
/// would disturb everyone on the shared server: stopping the database. Disposing it stops the server and deletes its
/// folder.
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    private readonly bool _durable;

    private PrivatePostgresServer(int port, string directory, bool durable)
    {
        Port = port;
        Directory = directory;
        _durable = durable;
    }

    public int Port { get; }

    /// <summary>Data folder, socket and log of the server.</summary>
    public string Directory { get; }

    /// <summary>Connection string of the server's maintenance database.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    /// <summary>
    /// The server's main process (postmaster), parent of every backend: read from <c>postmaster.pid</c>, which the
    /// running server keeps in its data folder.
    /// </summary>
    public int PostmasterPid => int.Parse(File.ReadLines(System.IO.Path.Combine(Directory, "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>
    /// Creates (initdb) and starts a server on a free loopback port. <paramref name="durable"/> keeps fsync and
    /// full-page writes on, as in production (test servers turn them off); benchmarks measure with it on.
    /// </summary>
    public static async Task<PrivatePostgresServer> StartAsync(bool durable = false)
    {
        var server = new PrivatePostgresServer(SiloProcess.FreePort(), System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"actors-private-pg-{Guid.NewGuid():N}"), durable);
        try
        {
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a database on this server.</summary>
    public Task<PostgresDatabase> CreateDatabaseAsync(string prefix) => PostgresServer.CreateDatabaseAsync(prefix, AdminConnectionString);

    /// <summary>Stops the server (fast shutdown: sessions are terminated, as in a crash of the database node).</summary>
    public Task StopAsync() => RunAsync("stop");

    /// <summary>Starts the stopped server again on the same port and data.</summary>
    public Task StartAgainAsync() => RunAsync("start");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
    }

    private async Task RunAsync(string command)
    {
        var start = new ProcessStartInfo(Repository.Path("scripts", "pg.sh"), [command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ACTORS_PG_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["ACTORS_PG_DIR"] = Directory;
        start.Environment["ACTORS_PG_DURABLE"] = _durable ? "1" : "0";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("scripts/pg.sh did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/pg.sh {command} (port {Port}) exited with {process.ExitCode}: {await stdout}{await stderr}");
        }
    }
}
