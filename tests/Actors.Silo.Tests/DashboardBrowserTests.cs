using Actors.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Actors.Silo.Tests;

/// <summary>
/// An operator's browser (Debian's headless chromium driven by Playwright) signs in to the dashboard of a running
/// two-silo cluster and sees both silos. The screenshot is kept as a test artifact.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    /// <summary>The browser: <c>ACTORS_CHROMIUM</c>, else Debian's package (<c>apt-get install chromium</c>; .ci/run does it).</summary>
    private static readonly string Chromium = Environment.GetEnvironmentVariable("ACTORS_CHROMIUM") ?? "/usr/bin/chromium";

    [Fact]
    public async Task An_operator_signs_in_and_sees_the_silos_of_a_running_cluster()
    {
        Assert.True(File.Exists(Chromium), $"No browser at {Chromium}: install Debian's chromium (apt-get install -y chromium, as .ci/run does) or set ACTORS_CHROMIUM.");
        await using var cluster = await SiloCluster.StartAsync(await PostgresServer.CreateDatabaseAsync("dashboard_browser"), 2, SiloHttpTests.OperatorCredentials());
        var screenshot = Path.Combine(ArtifactsDirectory(), "dashboard-silos.png");
        File.Delete(screenshot);
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Chromium,
                Headless = true,

                // As root chromium needs --no-sandbox; the rest keeps it from reaching for the network.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
            page.SetDefaultTimeout(30_000);

            var dashboard = $"http://127.0.0.1:{cluster.Silos[0].DashboardPort}";
            await page.GotoAsync($"{dashboard}/dashboard/");
            Assert.Contains("/login", page.Url);
            await page.FillAsync("#username", "operator");
            await page.FillAsync("#password", SiloHttpTests.Password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/dashboard/**");

            await page.GotoAsync($"{dashboard}/dashboard/#/silos");
            foreach (var silo in cluster.Silos)
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = silo.Name, Exact = true })).ToBeVisibleAsync();
            }

            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            output.WriteLine($"screenshot: {screenshot}");
            Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is missing or empty");
        }
        catch
        {
            output.WriteLine(cluster.DescribeOutputs());
            throw;
        }
    }

    /// <summary>Where test artifacts go: <c>ACTORS_TEST_ARTIFACTS</c>, else <c>artifacts/</c> in the test's output folder.</summary>
    private static string ArtifactsDirectory()
    {
        var directory = Environment.GetEnvironmentVariable("ACTORS_TEST_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
