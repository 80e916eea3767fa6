using Actors.Clustering.CockroachDb.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;

namespace Actors.Clustering.CockroachDb.Membership;

/// <summary>
/// The silo's membership table: Orleans' <see cref="AdoNetClusteringTable"/> running this project's SQL
/// (<c>Sql/Clustering.sql</c>), with a start-up that first creates the schema and retries the races of silos
/// starting together. Every other call goes straight to the ADO.NET provider.
/// </summary>
/// <remarks>
/// Orleans 10.4 calls the <c>…Async(…, CancellationToken)</c> members; the token-less ones are obsolete but still
/// abstract on <see cref="IMembershipTable"/>, so they forward with <see cref="CancellationToken.None"/>.
/// </remarks>
internal sealed partial class CockroachMembershipTable(
    IServiceProvider services, IOptions<CockroachClusteringOptions> options, ILogger<CockroachMembershipTable> logger) : IMembershipTable
{
    private readonly AdoNetClusteringTable _inner = ActivatorUtilities.CreateInstance<AdoNetClusteringTable>(services);

    /// <inheritdoc />
    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken)
    {
        await ClusteringSchema.PrepareAsync(
            options.Value,
            "Cluster membership",
            ct => _inner.InitializeMembershipTableAsync(tryInitTableVersion, ct),
            cancellationToken).ConfigureAwait(false);
        LogReady(options.Value.CreateSchemaOnStartup);
    }

    /// <inheritdoc />
    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken)
        => _inner.DeleteMembershipTableEntriesAsync(clusterId, cancellationToken);

    /// <inheritdoc />
    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
        => _inner.CleanupDefunctSiloEntriesAsync(beforeDate, cancellationToken);

    /// <inheritdoc />
    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken)
        => _inner.ReadRowAsync(key, cancellationToken);

    /// <inheritdoc />
    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken) => _inner.ReadAllAsync(cancellationToken);

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
        => _inner.InsertRowAsync(entry, tableVersion, cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken)
        => _inner.UpdateRowAsync(entry, etag, tableVersion, cancellationToken);

    /// <inheritdoc />
    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
        => _inner.UpdateIAmAliveAsync(entry, cancellationToken);

    /// <inheritdoc />
    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    /// <inheritdoc />
    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    /// <inheritdoc />
    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    /// <inheritdoc />
    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    /// <inheritdoc />
    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    /// <inheritdoc />
    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    /// <inheritdoc />
    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
        => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    /// <inheritdoc />
    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster membership ready in the database (schema created if missing: {CreateSchema}).")]
    private partial void LogReady(bool createSchema);
}
