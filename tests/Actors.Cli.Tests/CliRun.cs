using Actors.Cli;

namespace Actors.Cli.Tests;

/// <summary>One run of the CLI in this process, with what it wrote and its exit code.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>A signing key long enough for the gateway's checks: the commands here never reach a real gateway with it.</summary>
    public const string SigningKey = "cli-tests-signing-key-0123456789abcdefghij";

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The lines written to standard error.</summary>
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Asserts the CLI failed the way a user should meet a failure: non-zero, one line, no stack trace.</summary>
    public string AssertOneLineFailure()
    {
        Assert.NotEqual(0, ExitCode);
        var line = Assert.Single(ErrorLines);
        Assert.DoesNotContain("   at ", Error, StringComparison.Ordinal); // a stack frame
        Assert.DoesNotContain("Exception", Error, StringComparison.Ordinal);
        return line;
    }
}
