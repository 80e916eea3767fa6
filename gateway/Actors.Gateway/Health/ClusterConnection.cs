namespace Actors.Gateway.Health;

/// <summary>
/// How many silo gateways the Orleans client is connected to, as the client reports it. Registered as the client's
/// <see cref="IClusterConnectionStatusObserver"/>; read by the readiness check.
/// </summary>
internal sealed class ClusterConnection : IClusterConnectionStatusObserver
{
    private int _connectedGateways;

    public int ConnectedGateways => Volatile.Read(ref _connectedGateways);

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
        => Volatile.Write(ref _connectedGateways, currentNumberOfGateways);

    public void NotifyClusterConnectionLost() => Volatile.Write(ref _connectedGateways, 0);
}
