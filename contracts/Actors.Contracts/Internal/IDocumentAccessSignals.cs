using Orleans.Concurrency;

namespace Actors.Contracts.Internal;

/// <summary>
/// Grain-to-grain only: a class tells the documents shared with it that its roster changed, so that they drop what
/// they remember of its members and re-check their watchers now instead of at the next periodic re-check. The
/// document grain implements it. One-way and carrying no claim: a signal can only make a document ask again.
/// </summary>
[ClusterInternal, Alias("Actors.IDocumentAccessSignals")]
public interface IDocumentAccessSignals : IGrainWithStringKey
{
    /// <summary>The membership of class <paramref name="classId"/> (same school) changed.</summary>
    [OneWay, Alias("ClassMembershipChanged")]
    Task ClassMembershipChanged(string classId);
}
