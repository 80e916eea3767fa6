using Actors.Contracts;
using Actors.Security.Callers;

namespace Actors.Security.Tests.Callers;

/// <summary><see cref="ServiceTokens"/>: what a silo signs for its grains' calls, and what it accepts back.</summary>
public sealed class ServiceTokensTests
{
    private const string Grain = "student/kura/s1";
    private static readonly CallerVerificationOptions Options = new() { ServiceKey = "service-tokens-tests-key-0123456789abcdef" };

    [Fact]
    public async Task A_minted_token_vouches_for_the_caller_and_names_its_grain()
    {
        var tokens = new ServiceTokens(Options);
        var teacher = Caller.Teacher("kura", "t1");

        var verified = await tokens.VerifyAsync(tokens.Mint(Grain, teacher));
        var callerless = await tokens.VerifyAsync(tokens.Mint(Grain, null));

        Assert.Equal(new VerifiedToken(teacher, Grain, verified!.Expires), verified);
        Assert.True(verified.IsService);
        Assert.Null(callerless!.Caller);
        Assert.Equal(Grain, callerless.ServiceGrain);
    }

    [Fact]
    public async Task Tokens_of_another_key_or_past_their_expiry_are_refused()
    {
        var tokens = new ServiceTokens(Options);
        var stranger = new ServiceTokens(new CallerVerificationOptions { ServiceKey = "another-clusters-key-0123456789abcdefgh" });
        var now = DateTimeOffset.UtcNow;

        Assert.Null(await tokens.VerifyAsync(stranger.Mint(Grain, Caller.SchoolAdmin("kura", "a1"))));
        Assert.Null(await tokens.VerifyAsync(tokens.Create(Grain, Caller.SchoolAdmin("kura", "a1"), now.AddMinutes(-10), now.AddMinutes(-5))));
    }

    [Fact]
    public void A_silo_signs_once_per_caller_and_grain_for_half_a_lifetime()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var tokens = new ServiceTokens(Options, clock);
        var teacher = Caller.Teacher("kura", "t1");

        var first = tokens.Mint(Grain, teacher);
        Assert.Same(first, tokens.Mint(Grain, teacher));
        Assert.NotEqual(first, tokens.Mint("student/kura/s2", teacher));

        clock.Advance(Options.ServiceTokenLifetime / 2);
        Assert.NotEqual(first, tokens.Mint(Grain, teacher));
    }
}
