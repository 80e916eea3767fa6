namespace Actors.Cli.Tests;

/// <summary>Every way a command can fail ends in one line that says what went wrong and what to do.</summary>
public sealed class CliErrorTests
{
    [Theory]
    [InlineData("bad user id")]
    [InlineData("-starts-with-a-dash")]
    [InlineData("new\nline")]
    [InlineData("a~b")]
    public async Task Token_refuses_a_user_id_the_gateway_would_refuse(string userId)
    {
        var run = await CliRun.RunAsync("token", "--school", "kowhai", "--user", userId, "--role", "student", "--signing-key", CliRun.SigningKey);

        var line = run.AssertOneLineFailure();
        Assert.Contains("--user", line, StringComparison.Ordinal);
        Assert.Contains("1-128 letters, digits", line, StringComparison.Ordinal);
        Assert.Empty(run.Output); // no token printed
    }

    [Theory]
    [InlineData("token", "--school", "kowhai/rimu", "--user", "student-1", "--role", "student")]
    [InlineData("lesson", "--school", "two words")]
    public async Task A_school_id_the_gateway_would_refuse_is_refused_before_anything_runs(params string[] args)
    {
        var run = await CliRun.RunAsync([.. args, "--signing-key", CliRun.SigningKey]);

        var line = run.AssertOneLineFailure();
        Assert.Contains("--school", line, StringComparison.Ordinal);
        Assert.Contains("is not a school id", line, StringComparison.Ordinal);
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Token_prints_a_token_for_a_good_user_id()
    {
        var run = await CliRun.RunAsync("token", "--school", "kowhai", "--user", "student-1", "--role", "student", "--signing-key", CliRun.SigningKey);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, run.Output.Trim().Split('.').Length); // a JWT
    }

    [Theory]
    [InlineData("--students", "0")]
    [InlineData("--students", "51")]
    [InlineData("--annotations", "0")]
    public async Task Lesson_refuses_counts_out_of_range_instead_of_changing_them(string option, string value)
    {
        var run = await CliRun.RunAsync("lesson", option, value, "--gateway", StandInGateway.Nowhere().ToString(), "--signing-key", CliRun.SigningKey);

        var line = run.AssertOneLineFailure();
        Assert.Contains($"{option} is {value}", line, StringComparison.Ordinal);
        Assert.Contains("--help", line, StringComparison.Ordinal);
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output); // nothing was played
    }

    [Theory]
    [InlineData("token", "--school", "kowhai", "--role", "student")]
    [InlineData("token", "--user", "s1", "--role", "student")]
    [InlineData("token", "--school", "kowhai", "--user", "s1", "--role", "admin")]
    [InlineData("lesson", "--no-such-option")]
    [InlineData("lesson", "--gateway", "not a url")]
    [InlineData("no-such-command")]
    public async Task Bad_arguments_get_one_line_pointing_to_help(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        var line = run.AssertOneLineFailure();
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--help", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_that_is_not_running_is_named_with_what_to_do()
    {
        var nowhere = StandInGateway.Nowhere();

        var run = await CliRun.RunAsync("lesson", "--gateway", nowhere.ToString(), "--signing-key", CliRun.SigningKey);

        var line = run.AssertOneLineFailure();
        Assert.Contains($"Cannot reach the gateway at {nowhere.ToString().TrimEnd('/')}", line, StringComparison.Ordinal);
        Assert.Contains("scripts/run-local.sh", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_s_http_port_instead_of_its_grpc_port_is_named_as_such()
    {
        await using var http1 = await StandInGateway.SpeakingHttp1OnlyAsync();

        var run = await CliRun.RunAsync("lesson", "--gateway", http1.Address.ToString(), "--signing-key", CliRun.SigningKey);

        var line = run.AssertOneLineFailure();
        Assert.Contains("does not answer gRPC over HTTP/2", line, StringComparison.Ordinal);
        Assert.Contains("gRPC port", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_explained_by_the_key_being_made_per_run()
    {
        await using var gateway = await StandInGateway.RefusingEveryTokenAsync();

        var run = await CliRun.RunAsync("lesson", "--gateway", gateway.Address.ToString(), "--signing-key", CliRun.SigningKey);

        var line = run.AssertOneLineFailure();
        Assert.Contains("refused the token", line, StringComparison.Ordinal);
        Assert.Contains("each time it starts", line, StringComparison.Ordinal);
        Assert.Contains("--signing-key", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_adds_the_full_error_with_its_stack_trace()
    {
        var run = await CliRun.RunAsync("lesson", "--gateway", StandInGateway.Nowhere().ToString(), "--signing-key", CliRun.SigningKey, "--verbose");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("actors: Cannot reach the gateway", run.Error, StringComparison.Ordinal);
        Assert.Contains("RpcException", run.Error, StringComparison.Ordinal);
        Assert.Contains("   at ", run.Error, StringComparison.Ordinal); // a stack frame
    }
}
