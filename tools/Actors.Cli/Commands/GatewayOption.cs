using System.CommandLine;

namespace Actors.Cli.Commands;

/// <summary>The <c>--gateway</c> option of the commands that talk to a running gateway: checked when parsed, named in errors.</summary>
internal static class GatewayOption
{
    public const string Name = "--gateway";

    public static Option<string> Create()
    {
        var gateway = new Option<string>(Name) { Description = "The gateway's h2c gRPC address", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        gateway.Validators.Add(result =>
        {
            if (!IsGatewayAddress(result.GetValueOrDefault<string>()))
            {
                result.AddError($"{Name} '{result.GetValueOrDefault<string>()}' is not an address like http://127.0.0.1:5080.");
            }
        });
        return gateway;
    }

    /// <summary>The gateway a parsed command talks to, for error messages (null for a command without one).</summary>
    public static Uri? Of(ParseResult parse)
        => parse.CommandResult.Command.Options.Any(o => o.Name == Name) && Uri.TryCreate(parse.GetValue<string>(Name), UriKind.Absolute, out var uri) ? uri : null;

    private static bool IsGatewayAddress(string? value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
