using Actors.Api.Client;
using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Actors.Security.Development;
using Google.Rpc;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Gateway.Tests.Errors;

/// <summary>Bad requests get the right status and details, write nothing, and leave the gateway serving.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BadInputTests(GatewayFixture fixture)
{
    [Fact]
    public async Task An_empty_title_is_invalid_with_a_field_violation_and_writes_nothing()
    {
        var me = await fixture.StudentAsync();
        var before = await fixture.StoredAsync("student", me.School, me.Id);

        var error = await Fails(() => fixture.Students.CreateGoalAsync(new() { StudentId = me.Id, GoalId = "g1", Title = "" }, me.Call));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("title", Assert.Single(BadRequest(error).FieldViolations).Field);
        Assert.Equal(before, await fixture.StoredAsync("student", me.School, me.Id));
        await StillServes(me);
    }

    [Fact]
    public async Task An_oversized_field_is_invalid_and_writes_nothing()
    {
        var me = await fixture.StudentAsync();
        var before = await fixture.StoredAsync("student", me.School, me.Id);

        var error = await Fails(() => fixture.Students.UpdateProfileAsync(
            new() { StudentId = me.Id, Profile = new() { Name = new string('a', 201), School = "Kura", YearLevel = 14 } }, me.Call));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["profile.name", "profile.year_level"], BadRequest(error).FieldViolations.Select(v => v.Field));
        Assert.Equal(before, await fixture.StoredAsync("student", me.School, me.Id));
        await StillServes(me);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-starts-with-a-dash")]
    [InlineData("trailing-newline\n")]
    [InlineData("school-b/doc-1")]
    public async Task A_malformed_resource_id_is_refused_before_any_grain_is_called(string id)
    {
        var admin = User.Admin();

        var error = await Fails(() => fixture.Documents.GetDocumentAsync(new() { DocumentId = id }, admin.Call));
        var student = await Fails(() => fixture.Students.GetProfileAsync(new() { StudentId = id }, admin.Call));

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (error.StatusCode, student.StatusCode));
        Assert.Equal("document_id", Assert.Single(BadRequest(error).FieldViolations).Field);
        Assert.Equal("student_id", Assert.Single(BadRequest(student).FieldViolations).Field);
        await StillServes(await fixture.StudentAsync());
    }

    [Fact]
    public async Task Malformed_timestamps_enums_dates_and_page_tokens_are_invalid()
    {
        var world = await fixture.WorldAsync();
        var me = world.Student;

        var subject = await Fails(() => fixture.Students.WriteReflectionAsync(new() { StudentId = me.Id, ReflectionId = "r-x", Text = "t", SubjectId = world.GoalId }, me.Call));
        var date = await Fails(() => fixture.Students.LogHoursAsync(new() { StudentId = me.Id, ActivityId = world.ActivityId, EntryId = "e-x", Hours = 1, On = "1st of May" }, me.Call));
        var due = await Fails(() => fixture.Classes.AssignDocumentAsync(new() { ClassId = world.ClassId, AssignmentId = "a-x", DocumentId = world.DocumentId }, world.Teacher.Call));
        var token = await Fails(() => fixture.Students.ListGoalsAsync(new() { StudentId = me.Id, PageToken = "not-a-token" }, me.Call));
        var size = await Fails(() => fixture.Students.ListGoalsAsync(new() { StudentId = me.Id, PageSize = -1 }, me.Call));
        var body = await Fails(() => fixture.Documents.AddAnnotationAsync(new() { DocumentId = world.DocumentId, AnnotationId = "n-x", Page = 1 }, me.Call));

        Assert.Equal(
            ["subject", "on", "due_time", "page_token", "page_size", "body"],
            new[] { subject, date, due, token, size, body }.Select(e => Assert.Single(BadRequest(e).FieldViolations).Field));
    }

    [Fact]
    public async Task Unknown_ids_are_not_found_and_create_nothing()
    {
        var world = await fixture.WorldAsync();
        var (docId, classId) = (TestIds.New("doc"), TestIds.New("class"));

        var document = await Fails(() => fixture.Documents.GetDocumentAsync(new() { DocumentId = docId }, world.SchoolAdmin.Call));
        var @class = await Fails(() => fixture.Classes.GetClassAsync(new() { ClassId = classId }, world.SchoolAdmin.Call));
        var student = await Fails(() => fixture.Students.GetProfileAsync(new() { StudentId = TestIds.New("student") }, world.SchoolAdmin.Call));
        var goal = await Fails(() => fixture.Students.CompleteGoalAsync(new() { StudentId = world.Student.Id, GoalId = "no-such-goal" }, world.Student.Call));
        var annotation = await Fails(() => fixture.Documents.EditAnnotationAsync(new() { DocumentId = world.DocumentId, AnnotationId = "no-such-note", Body = World.Comment("x") }, world.Teacher.Call));

        Assert.All(new[] { document, @class, student, goal, annotation }, e => Assert.Equal(StatusCode.NotFound, e.StatusCode));
        Assert.Null(await fixture.StoredAsync("document", Schools.A, docId));
        Assert.Null(await fixture.StoredAsync("class", Schools.A, classId));
    }

    [Fact]
    public async Task Reusing_an_id_for_other_content_is_a_failed_precondition()
    {
        var me = await fixture.StudentAsync();
        await fixture.Students.CreateGoalAsync(new() { StudentId = me.Id, GoalId = "g1", Title = "One" }, me.Call);

        var error = await Fails(() => fixture.Students.CreateGoalAsync(new() { StudentId = me.Id, GoalId = "g1", Title = "Two" }, me.Call));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("One", Assert.Single((await fixture.Students.ListGoalsAsync(new() { StudentId = me.Id }, me.Call)).Goals).Title);
    }

    /// <summary>Bad tokens for student <c>s1</c> of school A (rostered by the test).</summary>
    public static TheoryData<string, string> BadTokens() => new()
    {
        { "garbage", "not.a.jwt" },
        { "wrong signing key", OtherKey.Mint(Schools.A, "s1", "student") },
        { "expired", GatewayHost.SigningKey.Sign(Lifetime(DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddMinutes(-5))) },
        { "over the maximum lifetime", GatewayHost.SigningKey.Mint(Schools.A, "s1", "student", lifetime: TimeSpan.FromHours(13)) },
        { "wrong audience", GatewayHost.SigningKey.Mint(Schools.A, "s1", "student", audience: "someone-else") },
        { "wrong issuer", GatewayHost.SigningKey.Mint(Schools.A, "s1", "student", issuer: "someone-else") },
        { "unknown role", GatewayHost.SigningKey.Mint(Schools.A, "s1", "principal") },
        { "the role of old, 'admin'", GatewayHost.SigningKey.Mint(Schools.A, "s1", "admin") },
        { "malformed user id", GatewayHost.SigningKey.Mint(Schools.A, "bad user id", "student") },
        { "user id with a trailing newline", GatewayHost.SigningKey.Mint(Schools.A, "s1\n", "student") },
        { "malformed school", GatewayHost.SigningKey.Mint("school a", "s1", "student") },
        { "school with a trailing newline", GatewayHost.SigningKey.Mint(Schools.A + "\n", "s1", "student") },
        { "no school", TokenWithout("school") },
        { "two schools", TokenWith(new System.Security.Claims.Claim("school", Schools.B)) },
        { "alg none", new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(Lifetime(DateTime.UtcNow, DateTime.UtcNow.AddHours(1))) },
        { "HMAC while HMAC is off", DevTokens.Mint("an-hmac-key-that-the-gateway-does-not-take-0123", Schools.A, "s1", "student") },
    };

    private static DevSigningKey OtherKey { get; } = DevSigningKey.Create();

    private static SecurityTokenDescriptor Lifetime(DateTime from, DateTime to) => new()
    {
        Issuer = DevSigningKey.DefaultIssuer,
        Audience = DevSigningKey.DefaultAudience,
        IssuedAt = from,
        NotBefore = from,
        Expires = to,
        Claims = new Dictionary<string, object> { ["school"] = Schools.A, ["sub"] = "s1", ["role"] = "student" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_unauthenticated_and_writes_nothing(string why, string token)
    {
        var me = await Rostered("s1");
        var before = await fixture.StoredAsync("student", me.School, me.Id);

        var error = await Fails(() => fixture.Students.CreateGoalAsync(new() { StudentId = me.Id, GoalId = TestIds.New("g"), Title = why }, Bearer.Options(token, DateTime.UtcNow.AddSeconds(20))));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(before, await fixture.StoredAsync("student", me.School, me.Id));
        await StillServes(me);
    }

    [Fact]
    public async Task A_message_over_1_MB_is_refused_and_writes_nothing()
    {
        var me = await fixture.StudentAsync();
        var before = await fixture.StoredAsync("student", me.School, me.Id);

        var error = await Fails(() => fixture.Students.WriteReflectionAsync(
            new() { StudentId = me.Id, ReflectionId = "r1", Text = new string('x', 1_100_000), Subject = ReflectionSubject.Goal, SubjectId = "g1" }, me.Call));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(before, await fixture.StoredAsync("student", me.School, me.Id));
        await StillServes(me);
    }

    private static async Task<RpcException> Fails<T>(Func<AsyncUnaryCall<T>> call)
        => await Assert.ThrowsAsync<RpcException>(() => call().ResponseAsync);

    private static BadRequest BadRequest(RpcException error)
        => error.GetRpcStatus()?.GetDetail<BadRequest>() ?? throw new Xunit.Sdk.XunitException($"No BadRequest details in {error.Status}");

    /// <summary>A token with the usual claims of student s1 of school A but without <paramref name="claim"/>.</summary>
    private static string TokenWithout(string claim) => Token(c => c.Type != claim);

    /// <summary>A token with the usual claims of student s1 of school A plus <paramref name="extra"/>.</summary>
    private static string TokenWith(System.Security.Claims.Claim extra) => Token(_ => true, extra);

    private static string Token(Func<System.Security.Claims.Claim, bool> keep, params System.Security.Claims.Claim[] extra)
    {
        var claims = new[] { new System.Security.Claims.Claim("school", Schools.A), new System.Security.Claims.Claim("sub", "s1"), new System.Security.Claims.Claim("role", "student") };
        return GatewayHost.SigningKey.Sign(new SecurityTokenDescriptor
        {
            Issuer = DevSigningKey.DefaultIssuer,
            Audience = DevSigningKey.DefaultAudience,
            Subject = new System.Security.Claims.ClaimsIdentity([.. claims.Where(keep), .. extra]),
            Expires = DateTime.UtcNow.AddHours(1),
        });
    }

    /// <summary>School A's student <paramref name="id"/>, rostered (idempotently) by the school's administrator.</summary>
    private async Task<User> Rostered(string id)
    {
        var student = new User(Schools.A, id, "student");
        await fixture.Roster.AddMemberAsync(new() { UserId = id, Role = SchoolRole.Student, DisplayName = "S1" }, User.Admin().Call);
        return student;
    }

    private async Task StillServes(User user)
    {
        var goal = await fixture.Students.CreateGoalAsync(new() { StudentId = user.Id, GoalId = "after", Title = "Still here" }, user.Call);
        Assert.Equal("after", goal.GoalId);
    }
}
