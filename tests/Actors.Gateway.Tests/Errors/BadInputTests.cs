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
        var me = User.Student();

        var error = await Fails(() => fixture.Students.CreateGoalAsync(new() { StudentId = me.Id, GoalId = "g1", Title = "" }, me.Call));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("title", Assert.Single(BadRequest(error).FieldViolations).Field);
        Assert.Null(await fixture.StoredAsync("student", me.Id));
        await StillServes(me);
    }

    [Fact]
    public async Task An_oversized_field_is_invalid_and_writes_nothing()
    {
        var me = User.Student();

        var error = await Fails(() => fixture.Students.UpdateProfileAsync(
            new() { StudentId = me.Id, Profile = new() { Name = new string('a', 201), School = "Kura", YearLevel = 14 } }, me.Call));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["profile.name", "profile.year_level"], BadRequest(error).FieldViolations.Select(v => v.Field));
        Assert.Null(await fixture.StoredAsync("student", me.Id));
        await StillServes(me);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-starts-with-a-dash")]
    public async Task A_malformed_resource_id_is_refused_before_any_grain_is_called(string id)
    {
        var admin = User.Admin();

        var error = await Fails(() => fixture.Documents.GetDocumentAsync(new() { DocumentId = id }, admin.Call));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("document_id", Assert.Single(BadRequest(error).FieldViolations).Field);
        await StillServes(admin);
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

        var document = await Fails(() => fixture.Documents.GetDocumentAsync(new() { DocumentId = docId }, world.Admin.Call));
        var @class = await Fails(() => fixture.Classes.GetClassAsync(new() { ClassId = classId }, world.Admin.Call));
        var goal = await Fails(() => fixture.Students.CompleteGoalAsync(new() { StudentId = world.Student.Id, GoalId = "no-such-goal" }, world.Student.Call));
        var annotation = await Fails(() => fixture.Documents.EditAnnotationAsync(new() { DocumentId = world.DocumentId, AnnotationId = "no-such-note", Body = World.Comment("x") }, world.Teacher.Call));

        Assert.All(new[] { document, @class, goal, annotation }, e => Assert.Equal(StatusCode.NotFound, e.StatusCode));
        Assert.Null(await fixture.StoredAsync("document", docId));
        Assert.Null(await fixture.StoredAsync("class", classId));
    }

    [Fact]
    public async Task Reusing_an_id_for_other_content_is_a_failed_precondition()
    {
        var me = User.Student();
        await fixture.Students.CreateGoalAsync(new() { StudentId = me.Id, GoalId = "g1", Title = "One" }, me.Call);

        var error = await Fails(() => fixture.Students.CreateGoalAsync(new() { StudentId = me.Id, GoalId = "g1", Title = "Two" }, me.Call));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("One", Assert.Single((await fixture.Students.ListGoalsAsync(new() { StudentId = me.Id }, me.Call)).Goals).Title);
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "garbage", "not.a.jwt" },
        { "wrong signing key", OtherKey.Mint("s1", "student") },
        { "expired", GatewayHost.SigningKey.Sign(Lifetime(DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddMinutes(-5))) },
        { "over the maximum lifetime", GatewayHost.SigningKey.Mint("s1", "student", lifetime: TimeSpan.FromHours(13)) },
        { "wrong audience", GatewayHost.SigningKey.Mint("s1", "student", audience: "someone-else") },
        { "wrong issuer", GatewayHost.SigningKey.Mint("s1", "student", issuer: "someone-else") },
        { "unknown role", GatewayHost.SigningKey.Mint("s1", "principal") },
        { "malformed user id", GatewayHost.SigningKey.Mint("bad user id", "student") },
        { "alg none", new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(Lifetime(DateTime.UtcNow, DateTime.UtcNow.AddHours(1))) },
        { "HMAC while HMAC is off", DevTokens.Mint("an-hmac-key-that-the-gateway-does-not-take-0123", "s1", "student") },
    };

    private static DevSigningKey OtherKey { get; } = DevSigningKey.Create();

    private static SecurityTokenDescriptor Lifetime(DateTime from, DateTime to) => new()
    {
        Issuer = DevSigningKey.DefaultIssuer,
        Audience = DevSigningKey.DefaultAudience,
        IssuedAt = from,
        NotBefore = from,
        Expires = to,
        Claims = new Dictionary<string, object> { ["sub"] = "s1", ["role"] = "student" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_unauthenticated_and_writes_nothing(string why, string token)
    {
        var me = User.Student();

        var error = await Fails(() => fixture.Students.CreateGoalAsync(new() { StudentId = me.Id, GoalId = "g1", Title = why }, Bearer.Options(token, DateTime.UtcNow.AddSeconds(20))));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Null(await fixture.StoredAsync("student", me.Id));
        await StillServes(me);
    }

    [Fact]
    public async Task A_message_over_1_MB_is_refused_and_writes_nothing()
    {
        var me = User.Student();

        var error = await Fails(() => fixture.Students.WriteReflectionAsync(
            new() { StudentId = me.Id, ReflectionId = "r1", Text = new string('x', 1_100_000), Subject = ReflectionSubject.Goal, SubjectId = "g1" }, me.Call));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Null(await fixture.StoredAsync("student", me.Id));
        await StillServes(me);
    }

    private static async Task<RpcException> Fails<T>(Func<AsyncUnaryCall<T>> call)
        => await Assert.ThrowsAsync<RpcException>(() => call().ResponseAsync);

    private static BadRequest BadRequest(RpcException error)
        => error.GetRpcStatus()?.GetDetail<BadRequest>() ?? throw new Xunit.Sdk.XunitException($"No BadRequest details in {error.Status}");

    private async Task StillServes(User user)
    {
        var goal = await fixture.Students.CreateGoalAsync(new() { StudentId = user.Id, GoalId = "after", Title = "Still here" }, user.Call);
        Assert.Equal("after", goal.GoalId);
    }
}
