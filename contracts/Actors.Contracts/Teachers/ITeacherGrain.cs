namespace Actors.Contracts.Teachers;

/// <summary>
/// A teacher's classes (key: <c>{schoolId}/{teacherId}</c>, see <see cref="GrainKeys"/>): the classes created for
/// them, which each class records here itself (<see cref="Internal.ITeacherClassIndex"/>), so a teacher's class
/// list follows them from device to device. The teacher reads their own; the school's administrators read any of
/// their school's teachers'. Only rostered teachers have one; anyone else's answers as if it did not exist.
/// </summary>
[Alias("Actors.ITeacherGrain")]
public interface ITeacherGrain : IGrainWithStringKey
{
    /// <summary>
    /// The teacher's classes in class-id order after <paramref name="afterClassId"/> (null: from the start), at most
    /// <paramref name="limit"/>.
    /// </summary>
    [Alias("ListClasses")]
    Task<TaughtClassPage> ListClasses(Caller caller, string? afterClassId, int limit, CancellationToken cancellationToken = default);
}
