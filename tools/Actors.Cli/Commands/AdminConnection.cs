using System.CommandLine;
using Actors.Api.Client;
using Grpc.Core;

namespace Actors.Cli.Commands;

/// <summary>
/// What a school administrator's command needs to reach the gateway: <c>--gateway</c>, <c>--school</c>, <c>--admin</c>
/// and the token settings (<see cref="SigningOptions"/>); each call gets a freshly minted school_admin token.
/// </summary>
internal sealed class AdminConnection
{
    public Option<string> Gateway { get; } = new("--gateway") { Description = "The gateway's h2c gRPC address", DefaultValueFactory = _ => "http://127.0.0.1:5080" };

    public Option<string> School { get; } = new("--school") { Description = "The school id (the token's school claim)", Required = true };

    public Option<string> Admin { get; } = new("--admin") { Description = "The school administrator's user id (the token's sub)", DefaultValueFactory = _ => "admin" };

    public SigningOptions Signing { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(Gateway);
        command.Options.Add(School);
        command.Options.Add(Admin);
        Signing.AddTo(command);
    }

    public Uri GatewayUri(ParseResult parse) => new(parse.GetValue(Gateway)!);

    /// <summary>Call options as the school administrator, with a deadline of <paramref name="timeout"/>.</summary>
    public Func<CancellationToken, CallOptions> CallOptions(ParseResult parse, TimeSpan timeout)
    {
        var token = Signing.Mint(parse, parse.GetValue(School)!, parse.GetValue(Admin)!, "school_admin");
        return cancellationToken => Bearer.Options(token, DateTime.UtcNow + timeout, cancellationToken);
    }
}
