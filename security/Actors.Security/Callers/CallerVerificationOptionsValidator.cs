using Microsoft.Extensions.Options;

namespace Actors.Security.Callers;

/// <summary>Checks <see cref="CallerVerificationOptions"/> at start-up; every failure names its key.</summary>
public sealed class CallerVerificationOptionsValidator : IValidateOptions<CallerVerificationOptions>
{
    private const string Section = CallerVerificationOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, CallerVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var hasKey = !string.IsNullOrEmpty(options.ServiceKey);
        var hasPath = !string.IsNullOrWhiteSpace(options.ServiceKeyPath);
        if (hasKey == hasPath)
        {
            failures.Add($"Set exactly one of {Section}:ServiceKeyPath (a file from the cluster's secret) and {Section}:ServiceKey: "
                + "the key every silo signs and checks grains' calls with.");
        }
        else
        {
            try
            {
                if (options.ReadServiceKey().Length < CallerVerificationOptions.MinServiceKeyBytes)
                {
                    failures.Add($"The service key ({Section}:{(hasKey ? "ServiceKey" : "ServiceKeyPath")}) must be at least {CallerVerificationOptions.MinServiceKeyBytes} bytes.");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add($"{Section}:ServiceKeyPath: '{options.ServiceKeyPath}': {e.Message}");
            }
        }

        if (options.ServiceTokenLifetime < TimeSpan.FromSeconds(10) || options.ServiceTokenLifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:ServiceTokenLifetime must be between 10 seconds and 1 hour.");
        }

        if (options.VerifiedTokenCacheSize < 1)
        {
            failures.Add($"{Section}:VerifiedTokenCacheSize must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
