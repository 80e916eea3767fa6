using Actors.Security.Callers;

namespace Actors.Security.Tests.Callers;

/// <summary><see cref="CallerVerificationOptionsValidator"/>: a silo without a usable service key does not start.</summary>
public sealed class CallerVerificationOptionsTests
{
    private const string Key = "caller-verification-tests-0123456789abc";

    [Fact]
    public void A_key_inline_or_from_a_file_is_accepted()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("actors-service-key-").FullName, "service.key");
        File.WriteAllText(path, Key + "\n");

        Assert.True(Validate(new() { ServiceKey = Key }).Succeeded);
        Assert.True(Validate(new() { ServiceKeyPath = path }).Succeeded);
        Assert.Equal(new CallerVerificationOptions { ServiceKey = Key }.ReadServiceKey(), new CallerVerificationOptions { ServiceKeyPath = path }.ReadServiceKey());
    }

    [Theory]
    [InlineData(null, null, "exactly one of CallerVerification:ServiceKeyPath")]
    [InlineData(Key, "/some/file", "exactly one of CallerVerification:ServiceKeyPath")]
    [InlineData("too-short", null, "at least 32 bytes")]
    [InlineData(null, "/nonexistent/actors/service.key", "CallerVerification:ServiceKeyPath: '/nonexistent/actors/service.key'")]
    public void A_missing_short_or_unreadable_key_is_refused(string? key, string? path, string expected)
    {
        var result = Validate(new() { ServiceKey = key, ServiceKeyPath = path });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Lifetimes_and_cache_sizes_out_of_range_are_refused()
    {
        Assert.Contains("ServiceTokenLifetime", Validate(new() { ServiceKey = Key, ServiceTokenLifetime = TimeSpan.FromHours(2) }).FailureMessage, StringComparison.Ordinal);
        Assert.Contains("VerifiedTokenCacheSize", Validate(new() { ServiceKey = Key, VerifiedTokenCacheSize = 0 }).FailureMessage, StringComparison.Ordinal);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(CallerVerificationOptions options)
        => new CallerVerificationOptionsValidator().Validate(null, options);
}
