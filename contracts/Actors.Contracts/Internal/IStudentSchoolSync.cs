namespace Actors.Contracts.Internal;

/// <summary>
/// Grain-to-grain only: makes a student grain agree with its school's roster (<see cref="ISchoolDirectory"/>). The
/// student grain implements it; like <see cref="IStudentClassSync"/> it takes no claim from its caller, so it is
/// idempotent and safe to call any number of times.
/// </summary>
[ClusterInternal, Alias("Actors.IStudentSchoolSync")]
public interface IStudentSchoolSync : IGrainWithStringKey
{
    /// <summary>Asks the school whether the student is rostered and records the answer.</summary>
    [Alias("SyncRoster")]
    Task SyncRoster();
}
