using Actors.Contracts;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Students;

/// <summary>Fresh students for tests.</summary>
internal static class StudentFactory
{
    /// <summary>A student never seen before, and the student as a caller.</summary>
    public static (IStudentGrain Student, Caller Me) New(DomainCluster cluster)
    {
        var id = TestIds.New("student");
        return (cluster.Grain<IStudentGrain>(id), Caller.Student(id));
    }
}
