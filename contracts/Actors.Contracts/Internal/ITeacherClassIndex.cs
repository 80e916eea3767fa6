using Actors.Contracts.Teachers;

namespace Actors.Contracts.Internal;

/// <summary>
/// Grain-to-grain only: a class records itself in its teacher's class list (the teacher grain implements it). The
/// class calls it after its own creation is durable, and again until it succeeds (see the class's reconciliation),
/// so a class is listed however its creation was interrupted. Idempotent.
/// </summary>
[ClusterInternal, Alias("Actors.ITeacherClassIndex")]
public interface ITeacherClassIndex : IGrainWithStringKey
{
    [Alias("RecordClass")]
    Task RecordClass(TaughtClass taughtClass);
}
