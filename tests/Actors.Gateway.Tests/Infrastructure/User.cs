using Actors.Api.Client;
using Grpc.Core;

namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>A user of the API: an id, a role, and the call options carrying their token.</summary>
public sealed record User(string Id, string Role)
{
    public string Token { get; } = GatewayHost.Token(Id, Role);

    public static User Student(string prefix = "student") => new(TestIds.New(prefix), "student");

    public static User Teacher(string prefix = "teacher") => new(TestIds.New(prefix), "teacher");

    public static User Admin() => new(TestIds.New("admin"), "admin");

    /// <summary>Options for a call as this user, with a 20 s deadline (no test call should wait longer).</summary>
    public CallOptions Call => Bearer.Options(Token, DateTime.UtcNow.AddSeconds(20));
}
