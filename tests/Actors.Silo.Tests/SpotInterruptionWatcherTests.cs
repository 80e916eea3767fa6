using Actors.Silo.Shutdown;
using Actors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Tests;

/// <summary>The spot-interruption watcher against a fake instance-metadata endpoint on loopback.</summary>
public sealed class SpotInterruptionWatcherTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_notice_after_404s_stops_the_host()
    {
        await using var metadata = new FakeInstanceMetadata();
        var lifetime = new RecordingLifetime();
        using var watcher = Watcher(new SpotInterruptionOptions { Url = metadata.Url, PollInterval = TimeSpan.FromMilliseconds(50) }, lifetime);
        await watcher.StartAsync(CancellationToken.None);

        await Poll.UntilAsync(() => Task.FromResult(metadata.Polls), n => n >= 3, Deadline, "three polls");
        Assert.False(lifetime.Stopped.IsCompleted, "a 404 is no notice");

        metadata.Announce();
        await lifetime.Stopped.WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_FALSE_answer_is_no_notice_and_TRUE_is_one_and_the_configured_headers_are_sent()
    {
        await using var metadata = new FakeInstanceMetadata(200, "FALSE");
        var lifetime = new RecordingLifetime();
        var options = new SpotInterruptionOptions
        {
            Url = metadata.Url,
            PollInterval = TimeSpan.FromMilliseconds(50),
            Headers = { ["Metadata-Flavor"] = "Google" },
        };
        using var watcher = Watcher(options, lifetime);
        await watcher.StartAsync(CancellationToken.None);

        await Poll.UntilAsync(() => Task.FromResult(metadata.Polls), n => n >= 3, Deadline, "three polls");
        Assert.False(lifetime.Stopped.IsCompleted, "FALSE is no notice");
        Assert.Contains("Metadata-Flavor: Google", metadata.LastHeaders);

        metadata.Announce("TRUE");
        await lifetime.Stopped.WaitAsync(Deadline);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    public async Task An_endpoint_answering_errors_is_no_notice_and_the_watcher_keeps_polling(int status)
    {
        await using var metadata = new FakeInstanceMetadata(status, "unavailable");
        var lifetime = new RecordingLifetime();
        using var watcher = Watcher(new SpotInterruptionOptions { Url = metadata.Url, PollInterval = TimeSpan.FromMilliseconds(50) }, lifetime);
        await watcher.StartAsync(CancellationToken.None);

        await Poll.UntilAsync(() => Task.FromResult(metadata.Polls), n => n >= 5, Deadline, "five polls");
        Assert.False(lifetime.Stopped.IsCompleted, $"HTTP {status} is no notice");

        metadata.Announce();
        await lifetime.Stopped.WaitAsync(Deadline);
    }

    [Fact]
    public async Task Without_a_url_the_watcher_does_nothing()
    {
        var lifetime = new RecordingLifetime();
        using var watcher = Watcher(new SpotInterruptionOptions(), lifetime);
        await watcher.StartAsync(CancellationToken.None);

        await watcher.ExecuteTask!.WaitAsync(Deadline);
        Assert.False(lifetime.Stopped.IsCompleted);
    }

    private static SpotInterruptionWatcher Watcher(SpotInterruptionOptions options, IHostApplicationLifetime lifetime)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(SpotInterruptionWatcher.HttpClientName);
        var httpClients = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new SpotInterruptionWatcher(
            Options.Create(options), Options.Create(new GracefulShutdownOptions()), httpClients, lifetime, TimeProvider.System,
            NullLogger<SpotInterruptionWatcher>.Instance);
    }

    private sealed class RecordingLifetime : IHostApplicationLifetime
    {
        private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Stopped => _stopped.Task;

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopped.TrySetResult();
    }
}
