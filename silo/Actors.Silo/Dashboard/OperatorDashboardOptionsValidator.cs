using System.Net;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Dashboard;

/// <summary>Checks <see cref="OperatorDashboardOptions"/> at start-up; every failure names the configuration key.</summary>
internal sealed class OperatorDashboardOptionsValidator : IValidateOptions<OperatorDashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorDashboardOptions options)
    {
        const string Section = OperatorDashboardOptions.SectionName;
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.Username) != string.IsNullOrWhiteSpace(options.PasswordHash))
        {
            return ValidateOptionsResult.Fail($"Set both {Section}:Username and {Section}:PasswordHash (for a login), or neither (for a loopback-only dashboard).");
        }

        if (options.HasCredentials && !OperatorPassword.IsHash(options.PasswordHash!))
        {
            return ValidateOptionsResult.Fail($"{Section}:PasswordHash is not a password hash; make one with `dotnet Actors.Silo.dll hash-password`.");
        }

        if (!options.HasCredentials && options.LoopbackPort is <= 0 or > IPEndPoint.MaxPort)
        {
            return ValidateOptionsResult.Fail($"{Section}:LoopbackPort must be a TCP port (1-65535), not {options.LoopbackPort}.");
        }

        return ValidateOptionsResult.Success;
    }
}
