using Actors.Api.Client;
using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Actors.Security.Development;
using Grpc.Core;

namespace Actors.Gateway.Tests.Trust;

/// <summary>
/// The silos verify every token themselves, whatever the gateway accepted: a gateway that trusts a key the cluster
/// does not (misconfigured, or an impostor's) gets its calls refused, and its client sees UNAUTHENTICATED.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SiloVerificationTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_token_only_the_gateway_trusts_is_refused_by_the_silos_as_unauthenticated()
    {
        var world = await fixture.WorldAsync();
        using var rogueKey = DevSigningKey.Create();
        var rogueKeyPath = rogueKey.Write(Directory.CreateTempSubdirectory("actors-rogue-key-").FullName).PublicKeyPath;
        await using var gateway = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string?> { ["Jwt:PublicKeyPaths:1"] = rogueKeyPath });
        var students = new StudentService.StudentServiceClient(gateway.Channel);
        var request = new GetProfileRequest { StudentId = world.Student.Id };

        // The same gateway serves a token the silos trust...
        var profile = await students.GetProfileAsync(request, world.Student.Call);
        Assert.Equal("Aroha", profile.Name);

        // ...but not one signed with the key only it was given, even for the school's administrator.
        var rogue = rogueKey.Mint(Schools.A, world.SchoolAdmin.Id, "school_admin");
        var refused = await Assert.ThrowsAsync<RpcException>(() => students.GetProfileAsync(request, Bearer.Options(rogue, DateTime.UtcNow.AddSeconds(20))).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.DoesNotContain("Aroha", refused.ToString(), StringComparison.Ordinal);
    }
}
