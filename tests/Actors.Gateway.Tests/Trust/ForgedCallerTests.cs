using System.Security.Claims;
using Actors.Contracts;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Contracts.Students;
using Actors.Gateway.Tests.Infrastructure;
using Actors.Security.Callers;
using Actors.Security.Development;
using Actors.Testing.Callers;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Gateway.Tests.Trust;

/// <summary>
/// A client inside the cluster that skips the gateway and calls the grains itself (<see cref="RawClusterClient"/>):
/// whatever <see cref="Caller"/> it passes and whatever it puts in the request context, it gets no more than its own
/// valid token would get it through the gateway — and without one, nothing.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ForgedCallerTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_fabricated_school_admin_caller_without_a_token_gets_nothing()
    {
        var (world, student) = await StudentGrainAsync();

        var refused = await Assert.ThrowsAsync<UnauthenticatedException>(() => RawClusterClient.CallAsync(null, () => student.GetReflections(Caller.SchoolAdmin(Schools.A, "intruder"))));

        Assert.Equal(CallerVerificationFilter.RefusedMessage, refused.Message);
        Assert.DoesNotContain(world.SharedReflectionId, refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var (_, student) = await StudentGrainAsync();
        using var otherKey = DevSigningKey.Create();
        var forged = otherKey.Mint(Schools.A, "intruder", "school_admin");

        await Assert.ThrowsAsync<UnauthenticatedException>(() => RawClusterClient.CallAsync(forged, () => student.GetReflections(Caller.SchoolAdmin(Schools.A, "intruder"))));
        await Assert.ThrowsAsync<UnauthenticatedException>(() => RawClusterClient.CallAsync("not.a-token", () => student.GetReflections(Caller.SchoolAdmin(Schools.A, "intruder"))));
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var (world, student) = await StudentGrainAsync();
        var issued = DateTime.UtcNow.AddHours(-3);
        var expired = TestCallerIdentity.UserKey.Sign(new SecurityTokenDescriptor
        {
            Issuer = DevSigningKey.DefaultIssuer,
            Audience = DevSigningKey.DefaultAudience,
            Subject = new ClaimsIdentity(CallerClaims.Of(Caller.SchoolAdmin(Schools.A, world.SchoolAdmin.Id))),
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued.AddHours(1),
        });

        await Assert.ThrowsAsync<UnauthenticatedException>(() => RawClusterClient.CallAsync(expired, () => student.GetReflections(Caller.SchoolAdmin(Schools.A, world.SchoolAdmin.Id))));
    }

    [Fact]
    public async Task A_students_token_acts_as_that_student_whatever_the_caller_argument_claims()
    {
        var world = await fixture.WorldAsync();
        var client = await fixture.RawClientAsync();
        var own = client.GetGrain<IStudentGrain>(GrainKeys.For(Schools.A, world.Student.Id));
        var other = client.GetGrain<IStudentGrain>(GrainKeys.For(Schools.A, world.OtherStudent.Id));
        var claimsAdmin = Caller.SchoolAdmin(Schools.A, world.SchoolAdmin.Id);

        // Their own profile: they may read it, as themselves.
        var profile = await RawClusterClient.CallAsync(world.Student.Token, () => own.GetProfile(claimsAdmin));
        Assert.Equal("Aroha", profile.Name);

        // Another student's: refused exactly as the student is refused, not served as to an administrator.
        var asAdmin = await Assert.ThrowsAsync<AccessDeniedException>(() => RawClusterClient.CallAsync(world.Student.Token, () => other.GetProfile(claimsAdmin)));
        var asThemselves = await Assert.ThrowsAsync<AccessDeniedException>(() => RawClusterClient.CallAsync(world.Student.Token, () => other.GetProfile(Caller.Student(Schools.A, world.Student.Id))));
        Assert.Equal(asThemselves.Message, asAdmin.Message);
        Assert.Contains(world.Student.Id, asAdmin.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_one_school_cannot_reach_another_schools_grain()
    {
        var (world, student) = await StudentGrainAsync();

        // School B's administrator, claiming to be school A's.
        await Assert.ThrowsAsync<NotFoundException>(() => RawClusterClient.CallAsync(world.OtherSchoolAdmin.Token, () => student.GetProfile(Caller.SchoolAdmin(Schools.A, world.SchoolAdmin.Id))));
    }

    [Fact]
    public async Task A_client_cannot_forge_the_service_identity()
    {
        var world = await fixture.WorldAsync();
        var client = await fixture.RawClientAsync();
        var studentKey = GrainKeys.For(Schools.A, world.Student.Id);
        var records = client.GetGrain<IStudentRecords>(studentKey);
        var target = records.GetGrainId().ToString();
        var claimsAdmin = Caller.SchoolAdmin(Schools.A, world.SchoolAdmin.Id);

        // A service token signed with a key of its own.
        var ownKey = new ServiceTokens(new CallerVerificationOptions { ServiceKey = "a-key-of-the-intruders-own-0123456789" });
        await Assert.ThrowsAsync<UnauthenticatedException>(() => RawClusterClient.CallAsync(ownKey.Mint(target, claimsAdmin), () => records.Export(claimsAdmin)));

        // An unsigned token that says it is a service token.
        var unsigned = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ServiceTokens.Issuer,
            Audience = ServiceTokens.Issuer,
            Claims = new Dictionary<string, object> { [ServiceTokens.GrainClaim] = target },
        });
        await Assert.ThrowsAsync<UnauthenticatedException>(() => RawClusterClient.CallAsync(unsigned, () => records.Export(claimsAdmin)));

        // A real user's valid token on a method only grains may call (even a school administrator's).
        await Assert.ThrowsAsync<UnauthenticatedException>(() => RawClusterClient.CallAsync(world.SchoolAdmin.Token, () => records.Export(claimsAdmin)));
        await Assert.ThrowsAsync<UnauthenticatedException>(() => RawClusterClient.CallAsync(world.SchoolAdmin.Token, () => records.Erase()));

        // A genuine service token, copied off a call to another grain.
        var genuine = new ServiceTokens(TestCallerIdentity.VerificationOptions);
        var otherGrain = client.GetGrain<IStudentRecords>(GrainKeys.For(Schools.A, world.OtherStudent.Id)).GetGrainId().ToString();
        await Assert.ThrowsAsync<UnauthenticatedException>(() => RawClusterClient.CallAsync(genuine.Mint(otherGrain, claimsAdmin), () => records.Erase()));

        // The student is untouched.
        var profile = await RawClusterClient.CallAsync(world.Student.Token, () => client.GetGrain<IStudentGrain>(studentKey).GetProfile(Caller.Student(Schools.A, world.Student.Id)));
        Assert.Equal("Aroha", profile.Name);
    }

    [Fact]
    public async Task A_watch_with_a_fabricated_caller_gets_nothing_without_a_token_and_acts_as_the_token_says_with_one()
    {
        var world = await fixture.WorldAsync();
        var client = await fixture.RawClientAsync();
        var document = client.GetGrain<IDocumentGrain>(GrainKeys.For(Schools.A, world.DocumentId));
        var claimsAdmin = Caller.SchoolAdmin(Schools.A, world.SchoolAdmin.Id);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        // No token: refused before the document is read.
        var refused = await Assert.ThrowsAsync<UnauthenticatedException>(() => RawClusterClient.CallAsync(null, () => FirstEventAsync(document.WatchAnnotations(claimsAdmin, -1, stop.Token), stop.Token)));
        Assert.Equal(CallerVerificationFilter.RefusedMessage, refused.Message);

        // A student of another class with an administrator's caller: refused exactly as that student.
        var asAdmin = await Assert.ThrowsAsync<AccessDeniedException>(() => RawClusterClient.CallAsync(world.OtherStudent.Token, () => FirstEventAsync(document.WatchAnnotations(claimsAdmin, -1, stop.Token), stop.Token)));
        Assert.Contains(world.OtherStudent.Id, asAdmin.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_poll_of_a_watch_needs_a_token()
    {
        var world = await fixture.WorldAsync();
        var client = await fixture.RawClientAsync();
        var document = client.GetGrain<IDocumentGrain>(GrainKeys.For(Schools.A, world.DocumentId));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watch = document.WatchAnnotations(Caller.Teacher(Schools.A, world.Teacher.Id), -1, stop.Token).GetAsyncEnumerator(stop.Token);
        try
        {
            // Opened with the teacher's token: the opening snapshot arrives.
            Assert.True(await RawClusterClient.CallAsync(world.Teacher.Token, () => watch.MoveNextAsync().AsTask()));
            Assert.Equal(AnnotationEventKind.Snapshot, watch.Current.Kind);

            // The next poll without a token (as after the token expired: the silo refuses both alike) gets nothing.
            await Assert.ThrowsAsync<UnauthenticatedException>(() => RawClusterClient.CallAsync(null, () => watch.MoveNextAsync().AsTask()));
        }
        finally
        {
            await watch.DisposeAsync();
        }
    }

    private static async Task<AnnotationEvent> FirstEventAsync(IAsyncEnumerable<AnnotationEvent> events, CancellationToken cancellationToken)
    {
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            return e;
        }

        throw new InvalidOperationException("The watch ended without an event.");
    }

    private async Task<(World World, IStudentGrain Student)> StudentGrainAsync()
    {
        var world = await fixture.WorldAsync();
        var client = await fixture.RawClientAsync();
        return (world, client.GetGrain<IStudentGrain>(GrainKeys.For(Schools.A, world.Student.Id)));
    }
}
