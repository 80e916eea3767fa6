using Actors.Contracts;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Students;

/// <summary>Fresh students for tests.</summary>
internal static class StudentFactory
{
    /// <summary>A student never seen before, rostered in <paramref name="school"/> (default <see cref="TestSchool.Main"/>), and the student as a caller.</summary>
    public static async Task<(IStudentGrain Student, Caller Me)> NewAsync(DomainCluster cluster, TestSchool? school = null)
    {
        school ??= TestSchool.Main;
        var me = await school.StudentAsync(cluster);
        return (school.Grain<IStudentGrain>(cluster, me.UserId), me);
    }
}
