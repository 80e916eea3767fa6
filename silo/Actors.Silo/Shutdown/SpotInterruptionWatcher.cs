using Microsoft.Extensions.Options;

namespace Actors.Silo.Shutdown;

/// <summary>
/// Polls <see cref="SpotInterruptionOptions.Url"/> and, when a notice appears, stops the host exactly as SIGTERM would:
/// the silo then runs its graceful shutdown within <see cref="GracefulShutdownOptions.Budget"/>.
/// A notice is a 2xx answer whose body is neither empty nor <c>false</c>: AWS answers 404 until it schedules the
/// interruption and then 200 with a JSON action; GCP answers <c>FALSE</c> and then <c>TRUE</c>. Anything else (refused,
/// timeout, 5xx) is no notice, reported once when it starts and once when it clears, never per poll.
/// </summary>
internal sealed partial class SpotInterruptionWatcher(
    IOptions<SpotInterruptionOptions> options,
    IOptions<GracefulShutdownOptions> shutdown,
    IHttpClientFactory httpClients,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<SpotInterruptionWatcher> logger) : BackgroundService
{
    /// <summary>Name of the <see cref="HttpClient"/> the watcher uses.</summary>
    public const string HttpClientName = "spot-interruption";

    private const int MaxNoticeLogged = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Url is not { } url)
        {
            return;
        }

        LogWatching(url, settings.PollInterval);
        var client = httpClients.CreateClient(HttpClientName);
        var failing = false;
        using var timer = new PeriodicTimer(settings.PollInterval, time);
        try
        {
            do
            {
                var (notice, problem) = await PollAsync(client, settings, stoppingToken);
                if (notice is not null)
                {
                    LogNotice(url, notice.Length <= MaxNoticeLogged ? notice : notice[..MaxNoticeLogged], shutdown.Value.Budget);
                    lifetime.StopApplication();
                    return;
                }

                if (problem is not null && !failing)
                {
                    LogPollFailing(url, problem);
                }
                else if (problem is null && failing)
                {
                    LogPollRecovered(url);
                }

                failing = problem is not null;
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping for another reason.
        }
    }

    /// <summary>Returns the notice's text if there is one, else the reason the poll failed (null when it simply said "no").</summary>
    private static async Task<(string? Notice, string? Problem)> PollAsync(HttpClient client, SpotInterruptionOptions settings, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(settings.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, settings.Url);
            foreach (var (name, value) in settings.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await client.SendAsync(request, timeout.Token);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return (null, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return (null, $"HTTP {(int)response.StatusCode}");
            }

            var body = (await response.Content.ReadAsStringAsync(timeout.Token)).Trim();
            return body.Length == 0 || body.Equals("false", StringComparison.OrdinalIgnoreCase) ? (null, null) : (body, null);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            return (null, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Url} for a spot interruption notice every {Interval}")]
    private partial void LogWatching(Uri url, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spot interruption notice from {Url}: {Notice}. Shutting down gracefully within {Budget}")]
    private partial void LogNotice(Uri url, string notice, TimeSpan budget);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read the spot interruption endpoint {Url}: {Problem}. Retrying every poll; no further report until it answers")]
    private partial void LogPollFailing(Uri url, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "The spot interruption endpoint {Url} answers again")]
    private partial void LogPollRecovered(Uri url);
}
