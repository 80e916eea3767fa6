using System.Diagnostics;
using System.Net;
using Actors.Silo.Dashboard;
using Actors.Testing;
using Xunit.Abstractions;

namespace Actors.Silo.Tests;

/// <summary>
/// The silo process's HTTP port: health endpoints, Prometheus metrics, and the dashboard — loopback-only without operator
/// credentials, behind a sign-in with them, with the grain state and trace views off.
/// </summary>
public sealed class SiloHttpTests(ITestOutputHelper output)
{
    internal const string Password = "s3cret-for-tests";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Health_and_metrics_are_served_and_without_credentials_the_dashboard_answers_only_on_its_loopback_listener()
    {
        await using var cluster = await SiloCluster.StartAsync(await PostgresServer.CreateDatabaseAsync("silo_http"), 1);
        var silo = cluster.Silos[0];
        try
        {
            Assert.Equal(200, (await silo.GetAsync("/health/live")).Status);
            var ready = await Poll.UntilAsync(() => silo.GetAsync("/health/ready"), r => r.Status == 200, Deadline, "the silo ready");
            Assert.Contains("silo: Healthy", ready.Body);
            Assert.Contains("database: Healthy", ready.Body);

            var metrics = (await silo.GetAsync("/metrics")).Body;
            Assert.True(PrometheusText.Has(metrics, "orleans_catalog_activations"), "no Orleans metrics");
            Assert.True(PrometheusText.Has(metrics, "db_client_connection_count"), "no Npgsql metrics");
            Assert.True(PrometheusText.Has(metrics, "dotnet_gc_collections_total"), "no runtime metrics");

            Assert.Equal(404, (await silo.GetAsync("/dashboard/")).Status);
            using var loopback = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.DashboardPort}") };
            Assert.Equal(HttpStatusCode.OK, (await loopback.GetAsync("/dashboard/")).StatusCode);
            // However the path is spelled: routing matches the grain state endpoint with a trailing slash or in any case.
            foreach (var path in new[] { "/dashboard/GrainState", "/dashboard/GrainState/", "/dashboard/grainstate/" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await loopback.GetAsync($"{path}?grainId=student/x&grainType=x")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.Forbidden, (await loopback.GetAsync("/dashboard/Trace")).StatusCode);
        }
        catch
        {
            output.WriteLine(cluster.DescribeOutputs());
            throw;
        }
    }

    [Fact]
    public async Task With_operator_credentials_the_dashboard_is_behind_a_sign_in_on_its_own_listener()
    {
        await using var cluster = await SiloCluster.StartAsync(await PostgresServer.CreateDatabaseAsync("silo_login"), 1, OperatorCredentials());
        var silo = cluster.Silos[0];
        try
        {
            using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{silo.DashboardPort}/"),
            };

            var anonymous = await browser.GetAsync("/dashboard/");
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/login", anonymous.Headers.Location!.PathAndQuery);

            var wrong = await browser.PostAsync("/login", Form("operator", "not-the-password"));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/dashboard/")).StatusCode);

            var signedIn = await browser.PostAsync("/login", Form("operator", Password));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal("/dashboard/", signedIn.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard/ClusterStats")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/dashboard/GrainState?grainId=student/x&grainType=x")).StatusCode);

            // The silo's HTTP port (open to the cluster for probes and metrics) serves neither the dashboard nor its login.
            Assert.Equal(404, (await silo.GetAsync("/login")).Status);
            Assert.Equal(404, (await silo.GetAsync("/dashboard/")).Status);

            // A host name that is not the dashboard's (DNS rebinding) finds nothing, signed in or not.
            using var rebound = new HttpRequestMessage(HttpMethod.Get, "/dashboard/ClusterStats") { Headers = { Host = "evil.example" } };
            Assert.Equal(HttpStatusCode.NotFound, (await browser.SendAsync(rebound)).StatusCode);

            // Served on loopback over plain HTTP, the sign-in cookie is not marked Secure (the browser would drop it).
            Assert.DoesNotContain("secure", string.Join(";", signedIn.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Password, silo.Output, StringComparison.Ordinal);
        }
        catch
        {
            output.WriteLine(cluster.DescribeOutputs());
            throw;
        }
    }

    [Fact]
    public async Task The_hash_password_command_prints_a_hash_of_the_password_it_reads()
    {
        var start = new ProcessStartInfo("dotnet", [typeof(OperatorPassword).Assembly.Location, OperatorPassword.HashCommand])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(Password);
        process.StandardInput.Close();
        var hash = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync().WaitAsync(Deadline);

        Assert.Equal(0, process.ExitCode);
        Assert.True(OperatorPassword.Verify(hash, Password));
    }

    /// <summary>Environment of a silo whose dashboard operator is <c>operator</c> with <see cref="Password"/>.</summary>
    internal static Dictionary<string, string?> OperatorCredentials() => new()
    {
        ["Dashboard__Username"] = "operator",
        ["Dashboard__PasswordHash"] = OperatorPassword.Hash(Password),
    };

    private static FormUrlEncodedContent Form(string username, string password)
        => new([new("username", username), new("password", password), new("returnUrl", "/dashboard/")]);
}
