using Microsoft.Extensions.Options;

namespace Actors.Silo.Shutdown;

/// <summary>Checks <see cref="GracefulShutdownOptions"/> at start-up; every failure names the configuration key.</summary>
internal sealed class GracefulShutdownOptionsValidator : IValidateOptions<GracefulShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, GracefulShutdownOptions options)
    {
        const string Section = GracefulShutdownOptions.SectionName;
        if (options.Budget <= TimeSpan.Zero || options.Budget > GracefulShutdownOptions.MaxBudget)
        {
            return ValidateOptionsResult.Fail(
                $"{Section}:Budget must be positive and at most {GracefulShutdownOptions.MaxBudget.TotalSeconds} s (a spot reclaim gives 120 s), not {options.Budget}.");
        }

        if (options.GrainDeactivationTimeout <= TimeSpan.Zero || options.GrainDeactivationTimeout >= options.Budget)
        {
            return ValidateOptionsResult.Fail(
                $"{Section}:GrainDeactivationTimeout must be positive and below {Section}:Budget ({options.Budget}), not {options.GrainDeactivationTimeout}.");
        }

        return ValidateOptionsResult.Success;
    }
}
