using Actors.Api.Client;
using Grpc.Core;

namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>The schools of the gateway tests: most work in <see cref="A"/>; <see cref="B"/> is the other tenant.</summary>
public static class Schools
{
    public const string A = "school-a";
    public const string B = "school-b";
}

/// <summary>A user of the API: a school, an id, a role, and the call options carrying their token.</summary>
public sealed record User(string School, string Id, string Role)
{
    public string Token { get; } = GatewayHost.Token(School, Id, Role);

    /// <summary>A fresh student id (not rostered: see <see cref="GatewayFixture.StudentAsync"/>).</summary>
    public static User Student(string prefix = "student", string school = Schools.A) => new(school, TestIds.New(prefix), "student");

    /// <summary>A fresh teacher id (not rostered: see <see cref="GatewayFixture.TeacherAsync"/>).</summary>
    public static User Teacher(string prefix = "teacher", string school = Schools.A) => new(school, TestIds.New(prefix), "teacher");

    /// <summary>A school administrator (they are not rostered: the token says what they are).</summary>
    public static User Admin(string school = Schools.A) => new(school, TestIds.New("admin"), "school_admin");

    /// <summary>A platform operator, whose token names a school as every token does.</summary>
    public static User Operator(string school = Schools.A) => new(school, TestIds.New("operator"), "operator");

    /// <summary>Options for a call as this user, with a 20 s deadline (no test call should wait longer).</summary>
    public CallOptions Call => Bearer.Options(Token, DateTime.UtcNow.AddSeconds(20));

    /// <summary>Options for a call as this user with <paramref name="cancellationToken"/> and no deadline (watches).</summary>
    public CallOptions Watching(CancellationToken cancellationToken) => Bearer.Options(Token, cancellationToken: cancellationToken);
}
