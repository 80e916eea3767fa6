using Actors.Contracts;
using Actors.Contracts.Schools;

namespace Actors.Domain.Tests.Infrastructure;

/// <summary>
/// A school in the test cluster: its callers, its grains' keys, and rostering. Tests share <see cref="Main"/> and keep
/// apart by fresh ids; tests of isolation make schools of their own with <see cref="New"/>.
/// </summary>
public sealed record TestSchool(string Id)
{
    /// <summary>The school most tests work in.</summary>
    public static readonly TestSchool Main = new("main-school");

    /// <summary>A school never seen before.</summary>
    public static TestSchool New() => new(TestIds.New("school"));

    /// <summary>One of the school's administrators.</summary>
    public Caller Admin { get; } = Caller.SchoolAdmin(Id, "admin");

    /// <summary>The key of the school's grain <paramref name="id"/>.</summary>
    public string Key(string id) => GrainKeys.For(Id, id);

    /// <summary>The school's student, class or document grain <paramref name="id"/>.</summary>
    public T Grain<T>(DomainCluster cluster, string id)
        where T : IGrainWithStringKey
        => cluster.Grain<T>(Key(id));

    /// <summary>The school grain.</summary>
    public ISchoolGrain Roster(DomainCluster cluster) => cluster.Grain<ISchoolGrain>(Id);

    /// <summary>A student the school rostered (fresh unless <paramref name="id"/> is given), as a caller.</summary>
    public async Task<Caller> StudentAsync(DomainCluster cluster, string? id = null)
    {
        id ??= TestIds.New("student");
        await Roster(cluster).AddMember(Admin, id, new SchoolMemberDraft(SchoolRole.Student, $"Student {id}"));
        return Caller.Student(Id, id);
    }

    /// <summary>A teacher the school rostered (fresh unless <paramref name="id"/> is given), as a caller.</summary>
    public async Task<Caller> TeacherAsync(DomainCluster cluster, string? id = null)
    {
        id ??= TestIds.New("teacher");
        await Roster(cluster).AddMember(Admin, id, new SchoolMemberDraft(SchoolRole.Teacher, $"Teacher {id}"));
        return Caller.Teacher(Id, id);
    }

    /// <summary>A caller of this school who is on no roster (a student unknown to the school).</summary>
    public Caller Unrostered(CallerRole role = CallerRole.Student) => new(Id, TestIds.New("nobody"), role);
}
