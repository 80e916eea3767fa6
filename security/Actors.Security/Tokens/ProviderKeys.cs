using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Actors.Security.Tokens;

/// <summary>
/// The identity provider's signing keys, fetched with Microsoft.IdentityModel's retrievers (OpenID Connect discovery,
/// or a bare JWKS document) and cached: fetched again after <see cref="TokenOptions.KeyAutomaticRefreshInterval"/>, and
/// on demand when a token names a key the cache lacks, at most once per <see cref="TokenOptions.KeyRefreshInterval"/>.
/// </summary>
/// <remarks>
/// Not <c>ConfigurationManager</c>: since Microsoft.IdentityModel 8 its <c>RequestRefresh</c> fetches on a background
/// thread (blocking only behind a process-wide AppContext switch that other code may read first), so the token that
/// revealed a rotation would be refused before the new keys arrive. Here the caller that asks for a refresh waits for it.
/// </remarks>
internal sealed class ProviderKeys
{
    private readonly Func<CancellationToken, Task<OpenIdConnectConfiguration>> _fetch;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeSpan _automaticRefreshInterval;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot? _current;
    private DateTimeOffset _lastDemand = DateTimeOffset.MinValue;
    private DateTimeOffset _retryAfter = DateTimeOffset.MinValue;

    public ProviderKeys(TokenOptions options, HttpClient http, TimeProvider? time = null)
    {
        var documents = new HttpDocumentRetriever(http) { RequireHttps = !options.AllowHttpKeySource };
        _fetch = string.IsNullOrWhiteSpace(options.JwksUrl)
            ? cancel => OpenIdConnectConfigurationRetriever.GetAsync(options.Authority!.TrimEnd('/') + "/.well-known/openid-configuration", documents, cancel)
            : cancel => new JwksRetriever().GetConfigurationAsync(options.JwksUrl, documents, cancel);
        _refreshInterval = options.KeyRefreshInterval;
        _automaticRefreshInterval = options.KeyAutomaticRefreshInterval;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The cached keys, fetched first when there are none yet or they are older than the automatic refresh interval; null while the provider has never answered.</summary>
    public async ValueTask<OpenIdConnectConfiguration?> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && _time.GetUtcNow() - current.FetchedAt < _automaticRefreshInterval)
        {
            return current.Configuration;
        }

        return await FetchAsync(current?.Configuration, onDemand: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A token named a key missing from <paramref name="seen"/>: fetch again (unless another caller already did, or the
    /// last attempt was within the refresh interval) and return the keys then current.
    /// </summary>
    public async ValueTask<OpenIdConnectConfiguration?> RefreshAsync(OpenIdConnectConfiguration? seen, CancellationToken cancellationToken)
        => await FetchAsync(seen, onDemand: true, cancellationToken).ConfigureAwait(false);

    private async Task<OpenIdConnectConfiguration?> FetchAsync(OpenIdConnectConfiguration? seen, bool onDemand, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _current;
            var now = _time.GetUtcNow();
            if (!ReferenceEquals(current?.Configuration, seen) || now < _retryAfter || (onDemand && now - _lastDemand < _refreshInterval))
            {
                // Someone fetched while this caller waited, the provider failed a moment ago, or a token asked a moment ago.
                return current?.Configuration;
            }

            if (onDemand)
            {
                _lastDemand = now;
            }

            try
            {
                // Not the caller's token: one caller's cancellation must not waste a fetch the others wait for.
                var configuration = await _fetch(CancellationToken.None).ConfigureAwait(false);
                _current = new Snapshot(configuration, now);
                return configuration;
            }
            catch (Exception e) when (e is IOException or HttpRequestException or InvalidOperationException or ArgumentException or System.Text.Json.JsonException or TaskCanceledException)
            {
                // Stale keys are better than none; with none, only static keys can verify. Retried after the refresh interval.
                _retryAfter = now + _refreshInterval;
                return current?.Configuration;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record Snapshot(OpenIdConnectConfiguration Configuration, DateTimeOffset FetchedAt);
}
