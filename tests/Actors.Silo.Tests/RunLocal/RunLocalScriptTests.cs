using System.Diagnostics;
using System.Globalization;
using Actors.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Actors.Silo.Tests.RunLocal;

/// <summary>
/// The README's run command as a new user meets it: a durable local database kept in a stable place, one build, a
/// second run on other ports that leaves the first's files alone, and Ctrl-C stopping everything it started,
/// PostgreSQL included (but not a PostgreSQL that was already running, nor one another run still uses).
/// Each test gives the script a PostgreSQL port and folder of its own, so it never touches a real local run's data.
/// </summary>
[Collection(RunLocalCollection.Name)]
public sealed class RunLocalScriptTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly int _pgPort = SiloProcess.FreePort();
    private readonly string _pgDirectory = Path.Combine(Path.GetTempPath(), $"actors-run-local-test-{Guid.NewGuid():N}");

    private string AdminConnectionString => $"Host=127.0.0.1;Port={_pgPort};Username=postgres;Database=postgres;Pooling=false;Timeout=3";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Pg("stop");
        if (Directory.Exists(_pgDirectory))
        {
            Directory.Delete(_pgDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Two_runs_on_other_ports_keep_apart_build_once_use_a_durable_database_and_Ctrl_C_stops_all_they_started()
    {
        await using var first = RunLocalScript.Start(_pgPort, _pgDirectory);
        await first.WaitUntilReadyAsync(StartTimeout);

        // Started once the first is up, as a user would from a second terminal (two builds at once would fight over obj/).
        await using var second = RunLocalScript.Start(_pgPort, _pgDirectory);
        try
        {
            await second.WaitUntilReadyAsync(StartTimeout);

            // One build of what the run needs, not one per program.
            Assert.Single(first.DotnetCommands, c => c.StartsWith("build", StringComparison.Ordinal));

            // The local database keeps PostgreSQL's durable defaults, and the script says where its data is.
            Assert.Equal("on", await ShowAsync("fsync"));
            Assert.Equal("on", await ShowAsync("full_page_writes"));
            Assert.Contains($"data in {_pgDirectory}", first.Output);

            // Each run has its own key, logs and pid files.
            foreach (var run in new[] { first, second })
            {
                foreach (var file in new[] { "jwt-signing-key", "dev-signing-key.pem", "dev-signing-key.pub.pem", "silo-1.log", "gateway.log", "silo-1.pid", "gateway.pid" })
                {
                    Assert.True(File.Exists(Path.Combine(run.RunDirectory, file)), $"{run.RunDirectory}/{file} is missing");
                }
            }

            Assert.NotEqual(Key(first), Key(second));
            var firstPids = first.Pids();
            var secondPids = second.Pids();
            Assert.Equal(2, firstPids.Count);

            // Ctrl-C on the first: its processes are gone; the database stays, since the second still uses it.
            first.Interrupt();
            Assert.True(await first.WaitForExitAsync(StopTimeout), "the first run did not stop on Ctrl-C");
            Assert.All(firstPids, p => Assert.False(HostProcess.IsRunning(p.Value), $"{p.Key} (pid {p.Value}) is still running"));
            Assert.True(await IsDatabaseUpAsync(), "the first run stopped the database the second still uses");
            Assert.All(secondPids, p => Assert.True(HostProcess.IsRunning(p.Value), $"the second run's {p.Key} died with the first run"));

            // Ctrl-C on the second, the last user of the database it found running: everything stops.
            second.Interrupt();
            Assert.True(await second.WaitForExitAsync(StopTimeout), "the second run did not stop on Ctrl-C");
            Assert.All(secondPids, p => Assert.False(HostProcess.IsRunning(p.Value), $"{p.Key} (pid {p.Value}) is still running"));
            Assert.False(await IsDatabaseUpAsync(), "PostgreSQL is still running after the last run stopped");
        }
        catch
        {
            output.WriteLine($"--- first run ---{Environment.NewLine}{first.Output}");
            output.WriteLine($"--- second run ---{Environment.NewLine}{second.Output}");
            throw;
        }
    }

    [Fact]
    public async Task Ctrl_C_leaves_running_a_PostgreSQL_that_was_running_before_the_run()
    {
        await Pg("start");
        await using var run = RunLocalScript.Start(_pgPort, _pgDirectory);
        try
        {
            await run.WaitUntilReadyAsync(StartTimeout);
            var pids = run.Pids();

            run.Interrupt();
            Assert.True(await run.WaitForExitAsync(StopTimeout), "the run did not stop on Ctrl-C");

            Assert.All(pids, p => Assert.False(HostProcess.IsRunning(p.Value), $"{p.Key} (pid {p.Value}) is still running"));
            Assert.True(await IsDatabaseUpAsync(), "the run stopped a PostgreSQL it had not started");
        }
        catch
        {
            output.WriteLine(run.Output);
            throw;
        }
    }

    private static string Key(RunLocalScript run) => File.ReadAllText(Path.Combine(run.RunDirectory, "jwt-signing-key"));

    private async Task<string?> ShowAsync(string setting)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
        return (string?)await command.ExecuteScalarAsync();
    }

    private async Task<bool> IsDatabaseUpAsync()
    {
        try
        {
            await ShowAsync("server_version");
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <summary>scripts/pg.sh on this test's port and folder, durable like the run's own server.</summary>
    private async Task Pg(string command)
    {
        var start = new ProcessStartInfo(Repository.Path("scripts", "pg.sh"), [command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ACTORS_PG_PORT"] = _pgPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["ACTORS_PG_DIR"] = _pgDirectory;
        start.Environment["ACTORS_PG_DURABLE"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pg.sh did not start");
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
    }
}

/// <summary>The script tests run one at a time: each starts a whole local system.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunLocalCollection
{
    public const string Name = "run-local";
}
