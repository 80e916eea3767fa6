using Actors.Testing;
using Orleans.Runtime;

namespace Actors.Clustering.Tests;

/// <summary>
/// The client's gateway list refresh, when the database connection it would use has been cut (a CockroachDB node
/// drain, an operator's <c>pg_terminate_backend</c>): Orleans only logs a failed refresh and waits a whole refresh
/// period, routing calls to gateways that may be dead meanwhile, so the provider must retry at once.
/// </summary>
public sealed class GatewayListRefreshTests
{
    [Fact]
    public async Task A_refresh_whose_pooled_connection_was_terminated_is_retried_and_answers()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync("gateway_refresh");
        await using var cluster = await MembershipTableHarness.StartAsync(db);
        var gateway = MembershipTableHarness.NewEntry(SiloStatus.Active, proxyPort: 31_100);
        Assert.True(await cluster.InsertAsync(gateway));
        Assert.Single(await cluster.Gateways.GetGatewaysAsync(CancellationToken.None));

        // Every pooled connection of this process to the database now leads to a dead server process: the next
        // statement on one fails with 57P01 or a broken stream.
        Assert.True(await db.TerminateConnectionsAsync(keepOwnPool: true) > 0, "no pooled connection was there to terminate");

        var gateways = await cluster.Gateways.GetGatewaysAsync(CancellationToken.None);

        Assert.Single(gateways);
    }
}
