namespace Actors.Contracts.Internal;

/// <summary>
/// Marks a grain interface that only grains call: the silos refuse its methods to anyone who does not carry a
/// silo's service token (a grain's outgoing call), whatever a client inside the cluster puts in the request.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class ClusterInternalAttribute : Attribute;
