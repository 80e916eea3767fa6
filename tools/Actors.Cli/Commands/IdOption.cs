using System.CommandLine.Parsing;
using Actors.Api.Client;

namespace Actors.Cli.Commands;

/// <summary>Options that name an id the gateway checks (a school, a user): refused when parsed, not later as UNAUTHENTICATED.</summary>
internal static class IdOption
{
    /// <summary>Adds an error to <paramref name="result"/> when its value breaks the id rule.</summary>
    public static void Require(OptionResult result, string claim)
    {
        if (DevTokens.FindIdProblem(claim, result.GetValueOrDefault<string>()) is { } problem)
        {
            result.AddError($"{result.Option.Name} {problem}");
        }
    }
}
