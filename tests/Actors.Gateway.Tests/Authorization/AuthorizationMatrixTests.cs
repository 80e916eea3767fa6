using Actors.Api.Client;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;

namespace Actors.Gateway.Tests.Authorization;

/// <summary>
/// Every service method × {no token, the student, another student, the class's teacher, another teacher of the school,
/// a teacher of another school, the school's admin, another school's admin, an operator}.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AuthorizationMatrixTests(GatewayFixture fixture)
{
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var row in AuthorizationMatrix.Rows)
        {
            foreach (var caller in AuthorizationMatrix.Callers)
            {
                cases.Add(row.Method, caller);
            }
        }

        return cases;
    }

    [Fact]
    public void The_matrix_covers_every_method_of_every_service()
    {
        var methods = new[] { Api.V1.StudentService.Descriptor, Api.V1.ClassService.Descriptor, Api.V1.DocumentService.Descriptor, Api.V1.SchoolService.Descriptor }
            .SelectMany(s => s.Methods.Select(m => $"{s.Name}.{m.Name}"))
            .Order()
            .ToList();

        Assert.Equal(methods, AuthorizationMatrix.Rows.Select(r => r.Method).Order().ToList());
        Assert.All(AuthorizationMatrix.Rows, r => Assert.Equal(AuthorizationMatrix.Callers.Length, r.Expected.Length));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Caller_gets_the_expected_status(string method, string caller)
    {
        var world = await fixture.WorldAsync();
        var row = AuthorizationMatrix.Rows.Single(r => r.Method == method);
        var expected = AuthorizationMatrix.ExpectedStatus(row.Expected[Array.IndexOf(AuthorizationMatrix.Callers, caller)]);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var options = caller == "none" ? new CallOptions(deadline: deadline) : Bearer.Options(world.As(caller).Token, deadline);

        var actual = StatusCode.OK;
        try
        {
            await row.Call(world, options);
        }
        catch (RpcException e)
        {
            actual = e.StatusCode;
        }

        Assert.Equal(expected, actual);
    }
}
