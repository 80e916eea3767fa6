using Microsoft.Extensions.Options;

namespace Actors.Gateway.Watching;

/// <summary>Checks <see cref="WatchOptions"/> at start-up; every failure names the configuration key.</summary>
internal sealed class WatchOptionsValidator : IValidateOptions<WatchOptions>
{
    public ValidateOptionsResult Validate(string? name, WatchOptions options)
    {
        const string Section = WatchOptions.SectionName;
        if (options.MaxWatchesPerUser < 1)
        {
            return ValidateOptionsResult.Fail($"{Section}:MaxWatchesPerUser must be at least 1, not {options.MaxWatchesPerUser}.");
        }

        return options.MaxStreamLifetime <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{Section}:MaxStreamLifetime must be positive, not {options.MaxStreamLifetime}.")
            : ValidateOptionsResult.Success;
    }
}
