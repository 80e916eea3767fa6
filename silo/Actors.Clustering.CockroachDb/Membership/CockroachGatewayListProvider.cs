using Actors.Clustering.CockroachDb.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Messaging;
using Orleans.Runtime.Membership;

namespace Actors.Clustering.CockroachDb.Membership;

/// <summary>
/// The client's gateway list: Orleans' <see cref="AdoNetGatewayListProvider"/> running this project's SQL, with a
/// start-up that waits for the database (and creates the schema if allowed) instead of failing on the first error, and
/// a refresh that is retried at once when the database connection breaks (<see cref="GatewayListRefreshRetry"/>).
/// </summary>
internal sealed class CockroachGatewayListProvider(IServiceProvider services, IOptions<CockroachClusteringOptions> options) : IGatewayListProvider
{
    private readonly AdoNetGatewayListProvider _inner = ActivatorUtilities.CreateInstance<AdoNetGatewayListProvider>(services);

    /// <inheritdoc />
    public TimeSpan MaxStaleness => _inner.MaxStaleness;

    /// <inheritdoc />
    [Obsolete("Orleans no longer reads it: every provider is considered updatable.")]
    public bool IsUpdatable => true;

    /// <inheritdoc />
    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken)
        => ClusteringSchema.PrepareAsync(options.Value, "Gateway list", _inner.InitializeGatewayListProviderAsync, cancellationToken);

    /// <inheritdoc />
    public async Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken)
        => await GatewayListRefreshRetry.Pipeline.ExecuteAsync(
            static async (inner, ct) => await inner.GetGatewaysAsync(ct).ConfigureAwait(false), _inner, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(CancellationToken.None);

    /// <inheritdoc />
    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(CancellationToken.None);
}
