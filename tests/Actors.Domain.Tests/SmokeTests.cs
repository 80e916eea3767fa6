using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests;

[Collection(DomainCollection.Name)]
public sealed class SmokeTests(DomainCluster cluster)
{
    [Fact]
    public async Task Profile_round_trips()
    {
        var id = TestIds.New("s");
        var student = cluster.Grain<IStudentGrain>(id);
        await Assert.ThrowsAsync<NotFoundException>(() => student.GetProfile(Caller.Student(id)));
        await student.UpdateProfile(Caller.Student(id), new StudentProfile { Name = "Aroha", School = "Kāpiti College", YearLevel = 11 });
        await cluster.DeactivateAsync(student);
        var profile = await student.GetProfile(Caller.Student(id));
        Assert.Equal("Aroha", profile.Name);
        var e = await Assert.ThrowsAsync<ValidationException>(() => student.UpdateProfile(Caller.Student(id), new StudentProfile { Name = "", School = "x\0y", YearLevel = 0 }));
        Assert.Equal(3, e.Violations.Count);
        var json = await cluster.StoredJsonAsync("student", id, "student");
        Console.WriteLine(json);
    }
}
