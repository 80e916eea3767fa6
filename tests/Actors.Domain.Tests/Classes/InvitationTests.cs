using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Classes;

/// <summary>
/// A teacher's enrollment is an invitation that grants the teacher nothing until the student accepts it (or joins
/// with the code); invitations are bounded so that a hostile teacher cannot crowd anyone out; and class reads
/// answer from durable state only.
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class InvitationTests(DomainCluster cluster)
{
    [Fact]
    public async Task An_invitation_shows_the_teacher_nothing_until_the_student_accepts()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 0);
        var (student, me) = await Students.StudentFactory.NewAsync(cluster);
        await student.UpdateProfile(me, new StudentProfile { Name = "Sione", School = "Kura", YearLevel = 10 });

        var invited = await setup.Class.Enroll(setup.Teacher, me.UserId);

        Assert.Equal(RosterState.Invited, Assert.Single(invited.Roster).State);
        Assert.Equal(MembershipState.Invited, Assert.Single(await student.GetClasses(me)).State);
        await Assert.ThrowsAsync<AccessDeniedException>(() => student.GetProfile(setup.Teacher));
        await Assert.ThrowsAsync<AccessDeniedException>(() => student.GetClasses(setup.Teacher));
        Assert.Empty((await setup.Class.GetDetails(me)).Assignments);

        var accepted = await setup.Class.AcceptInvitation(me);

        Assert.Equal(RosterState.Active, Assert.Single(accepted.Roster).State);
        Assert.Equal("Sione", (await student.GetProfile(setup.Teacher)).Name);
        Assert.Equal(MembershipState.Active, Assert.Single(await student.GetClasses(setup.Teacher)).State);
        Assert.Equal(RosterState.Active, Assert.Single((await setup.Class.AcceptInvitation(me)).Roster).State); // idempotent
    }

    [Fact]
    public async Task Only_rostered_students_of_the_school_are_enrolled()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 0);
        var elsewhere = await TestSchool.New().StudentAsync(cluster);
        var teacher = await setup.School.TeacherAsync(cluster, TestIds.New("not-a-student"));

        await Assert.ThrowsAsync<NotFoundException>(() => setup.Class.Enroll(setup.Teacher, TestIds.New("nobody")));
        await Assert.ThrowsAsync<NotFoundException>(() => setup.Class.Enroll(setup.Teacher, elsewhere.UserId));
        await Assert.ThrowsAsync<NotFoundException>(() => setup.Class.Enroll(setup.School.Admin, teacher.UserId));
        Assert.Empty((await setup.Class.GetDetails(setup.Teacher)).Roster);
    }

    [Fact]
    public async Task Joining_with_the_code_is_active_at_once_and_a_rotated_code_stops_working()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 0);
        var (first, second) = (await setup.School.StudentAsync(cluster), await setup.School.StudentAsync(cluster));
        var code = await setup.Class.GetJoinCode(setup.Teacher);

        await Assert.ThrowsAsync<AccessDeniedException>(() => setup.Class.Join(first, "wrong-code"));
        var joined = await setup.Class.Join(first, " " + code.ToUpperInvariant() + " ");
        Assert.Equal(RosterState.Active, Assert.Single(joined.Roster).State);

        var rotated = await setup.Class.RotateJoinCode(setup.Teacher);
        Assert.NotEqual(code, rotated);
        await Assert.ThrowsAsync<AccessDeniedException>(() => setup.Class.Join(second, code));
        await setup.Class.Join(second, rotated);
        await Assert.ThrowsAsync<AccessDeniedException>(() => setup.Class.GetJoinCode(first));
        await Assert.ThrowsAsync<NotFoundException>(() => setup.Class.Join(setup.School.Unrostered(), rotated));
        Assert.Equal(2, (await setup.Class.GetDetails(setup.Teacher)).Roster.Count(e => e.State == RosterState.Active));
    }

    [Fact]
    public async Task A_hostile_teacher_cannot_crowd_out_a_students_classes()
    {
        var school = TestSchool.Main;
        var (victim, me) = await Students.StudentFactory.NewAsync(cluster);
        var hostile = await school.TeacherAsync(cluster);
        var refused = 0;
        for (var i = 0; i < 12; i++)
        {
            var course = school.Grain<IClassGrain>(cluster, TestIds.New("bait"));
            await course.Create(hostile, new ClassDraft($"Bait {i}"));
            try
            {
                await course.Enroll(hostile, me.UserId);
            }
            catch (QuotaExceededException)
            {
                refused++;

                // Not delivered, not kept: the class holds no dangling invitation either.
                Assert.Empty((await course.GetDetails(hostile)).Roster);
            }
        }

        Assert.Equal(12 - DomainLimits.PendingInvitationsFromOneTeacher, refused);
        Assert.Equal(DomainLimits.PendingInvitationsFromOneTeacher, (await victim.GetClasses(me)).Count);

        // Another teacher's class is untouched by all of it, and the victim declines a bait.
        var setup = await ClassSetup.CreateAsync(cluster, students: 0);
        await setup.Class.Enroll(setup.Teacher, me.UserId);
        await setup.Class.AcceptInvitation(me);
        var bait = (await victim.GetClasses(me)).First(c => c.TeacherId == hostile.UserId).ClassId;
        await school.Grain<IClassGrain>(cluster, bait).DeclineInvitation(me);
        var classes = await victim.GetClasses(me);
        Assert.Equal((1, DomainLimits.PendingInvitationsFromOneTeacher - 1), (classes.Count(c => c.State == MembershipState.Active), classes.Count(c => c.State == MembershipState.Invited)));
    }

    [Fact]
    public async Task Class_reads_do_not_see_an_enrollment_before_it_is_durable()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 0);
        var student = await setup.School.StudentAsync(cluster);
        var source = setup.School.Grain<IClassMembershipSource>(cluster, setup.ClassId);
        var held = cluster.Storage.HoldNextWrite(setup.Class.GetGrainId());

        // The enrollment's intent is being written (and held): reads that interleave with it must not see it yet.
        var enrolling = setup.Class.Enroll(setup.School.Admin, student.UserId);
        await cluster.Storage.WhenWriteHeld(setup.Class.GetGrainId()).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Null(await source.GetMembership(student.UserId));
        Assert.False(await source.GrantsAccess(student));

        held.SetResult();
        await enrolling;
        Assert.Equal(MembershipState.Active, (await source.GetMembership(student.UserId))!.State);
        Assert.True(await source.GrantsAccess(student));
    }
}
