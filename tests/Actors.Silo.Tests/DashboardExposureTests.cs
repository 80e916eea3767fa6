using System.Net;
using System.Net.Security;
using Actors.Security.Development;
using Actors.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Actors.Silo.Tests;

/// <summary>
/// The dashboard exposed beyond loopback: HTTPS, host filtering and a <c>Secure</c> sign-in cookie, driven by an
/// operator's browser (headless chromium); the grain state and trace views stay blocked under every spelling of their
/// path that ASP.NET Core routing accepts; and an exposed dashboard without HTTPS refuses to start.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DashboardExposureTests(ITestOutputHelper output) : IDisposable
{
    private const string Host = "dashboard.actors.test";
    private static readonly string Chromium = Environment.GetEnvironmentVariable("ACTORS_CHROMIUM") ?? "/usr/bin/chromium";
    private readonly string _certificates = Directory.CreateTempSubdirectory("actors-dashboard-tls-").FullName;

    /// <summary>Paths that routing matches to the grain state or trace endpoint, each spelled differently from the route.</summary>
    private static readonly string[] BlockedSpellings =
    [
        "/dashboard/GrainState?grainId=student/x&grainType=x",
        "/dashboard/GrainState/?grainId=student/x&grainType=x",
        "/dashboard/grainstate?grainId=student/x&grainType=x",
        "/DASHBOARD/GRAINSTATE/?grainId=student/x&grainType=x",
        "/dashboard/%47rain%53tate?grainId=student/x&grainType=x",
        "/dashboard/x/../GrainState?grainId=student/x&grainType=x",
        "/dashboard/./GrainState/?grainId=student/x&grainType=x",
        "/dashboard/Trace",
        "/dashboard/trace/",
        "/dashboard/%54race",
        "/dashboard/GrainStats/../Trace",
    ];

    [Fact]
    public async Task An_exposed_dashboard_serves_https_to_its_host_name_only_with_a_secure_cookie_and_keeps_sensitive_views_blocked_under_every_spelling()
    {
        Assert.True(File.Exists(Chromium), $"No browser at {Chromium}: install Debian's chromium (apt-get install -y chromium, as .ci/run does) or set ACTORS_CHROMIUM.");
        await using var cluster = await SiloCluster.StartAsync(await PostgresServer.CreateDatabaseAsync("dashboard_exposed"), 1, ExposedDashboard());
        var silo = cluster.Silos[0];
        var origin = $"https://{Host}:{silo.DashboardPort}";
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                        $"--host-resolver-rules=MAP {Host} 127.0.0.1"],
            });
            await using var context = await browser.NewContextAsync(new() { IgnoreHTTPSErrors = true });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(30_000);

            await page.GotoAsync($"{origin}/dashboard/");
            Assert.StartsWith($"{origin}/login", page.Url, StringComparison.Ordinal);
            await page.FillAsync("#username", "operator");
            await page.FillAsync("#password", SiloHttpTests.Password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/dashboard/**");

            var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "actors-operator");
            Assert.True(cookie.Secure, "the sign-in cookie of an exposed dashboard must be Secure");
            Assert.True(cookie.HttpOnly);

            // Signed in, from the page: the dashboard answers, its sensitive views do not.
            const string Fetch = "async path => (await fetch(path)).status";
            Assert.Equal(200, await page.EvaluateAsync<int>(Fetch, "/dashboard/ClusterStats"));
            foreach (var path in new[] { "/dashboard/GrainState/?grainId=student/x&grainType=x", "/dashboard/grainstate?grainId=student/x&grainType=x", "/dashboard/Trace/" })
            {
                Assert.Equal(403, await page.EvaluateAsync<int>(Fetch, path));
            }

            // Every spelling, sent byte for byte (browsers and HttpClient would tidy some of them) with the browser's cookie.
            using var raw = RawClient(silo.DashboardPort, cookie.Value);
            foreach (var path in BlockedSpellings)
            {
                var (status, body) = await raw.GetAsync(path, Host);
                output.WriteLine($"{path} -> {status}");
                Assert.True(status == 403, $"{path} answered {status}, not the gate's 403: {body}");
                Assert.Contains("view is disabled", body, StringComparison.Ordinal);
            }

            // Host filtering: the same request naming another host (DNS rebinding) or the bare address finds nothing.
            Assert.Equal(404, (await raw.GetAsync("/dashboard/ClusterStats", "evil.example")).Status);
            Assert.Equal(404, (await raw.GetAsync("/dashboard/ClusterStats", "127.0.0.1")).Status);
            Assert.Equal(200, (await raw.GetAsync("/dashboard/ClusterStats", Host)).Status);

            // Plain HTTP on the dashboard's port is not served at all.
            using var plain = new HttpClient();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync($"http://127.0.0.1:{silo.DashboardPort}/dashboard/"));
        }
        catch
        {
            output.WriteLine(cluster.DescribeOutputs());
            throw;
        }
    }

    [Fact]
    public async Task A_dashboard_exposed_beyond_loopback_without_https_refuses_to_start()
    {
        var environment = ExposedDashboard();
        environment["Dashboard__CertificatePath"] = null;
        environment["Dashboard__KeyPath"] = null;
        await using var db = await PostgresServer.CreateDatabaseAsync("dashboard_plain");
        environment["ConnectionStrings__Actors"] = db.ConnectionString;
        await using var silo = SiloProcess.Start("exposed-plain", environment);

        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the silo started with an exposed dashboard over plain HTTP");
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains("Dashboard:CertificatePath", silo.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_certificates, recursive: true);

    /// <summary>Silo environment: the dashboard on every interface, HTTPS for <see cref="Host"/>, the operator login, sensitive views off.</summary>
    private Dictionary<string, string?> ExposedDashboard()
    {
        using var authority = DevCertificates.CreateAuthority();
        using var certificate = DevCertificates.Issue(authority, Host, server: true, client: false);
        var (certificatePath, keyPath) = DevCertificates.WritePair(_certificates, "dashboard", certificate);
        var environment = SiloHttpTests.OperatorCredentials();
        environment["Dashboard__ListenAddress"] = "0.0.0.0";
        environment["Dashboard__CertificatePath"] = certificatePath;
        environment["Dashboard__KeyPath"] = keyPath;
        environment["Dashboard__AllowedHosts__0"] = Host;
        return environment;
    }

    private static RawHttpsClient RawClient(int port, string cookie) => new(port, cookie);

    /// <summary>HTTPS requests whose path goes out exactly as written (no dot-segment removal, no unescaping).</summary>
    private sealed class RawHttpsClient(int port, string cookie) : IDisposable
    {
        private readonly HttpClient _client = new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
        });

        public async Task<(int Status, string Body)> GetAsync(string pathAndQuery, string host)
        {
            var uri = new Uri($"https://127.0.0.1:{port}{pathAndQuery}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
            using var request = new HttpRequestMessage(HttpMethod.Get, uri) { Headers = { Host = $"{host}:{port}" } };
            request.Headers.Add("Cookie", $"actors-operator={cookie}");
            using var response = await _client.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public void Dispose() => _client.Dispose();
    }
}
