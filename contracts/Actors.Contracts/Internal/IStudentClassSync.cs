namespace Actors.Contracts.Internal;

/// <summary>
/// Grain-to-grain only: makes a student's class list agree with a class's roster. The student grain implements
/// it. It takes no claim from the caller — the student asks the class (<see cref="IClassMembershipSource"/>) and
/// adds, updates or drops the class accordingly — so it is idempotent and safe to call any number of times.
/// </summary>
[ClusterInternal, Alias("Actors.IStudentClassSync")]
public interface IStudentClassSync : IGrainWithStringKey
{
    /// <summary>Brings the student's entry for <paramref name="classId"/> in line with the class's roster.</summary>
    [Alias("SyncClass")]
    Task SyncClass(string classId);
}
