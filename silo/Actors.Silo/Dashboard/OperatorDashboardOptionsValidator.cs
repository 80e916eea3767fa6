using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Dashboard;

/// <summary>
/// Checks <see cref="OperatorDashboardOptions"/> at start-up; every failure names the configuration key. An exposed
/// dashboard (off loopback) without the login, HTTPS or host names is refused.
/// </summary>
internal sealed class OperatorDashboardOptionsValidator : IValidateOptions<OperatorDashboardOptions>
{
    private const string Section = OperatorDashboardOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, OperatorDashboardOptions options)
    {
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

        if (options.Port is <= 0 or > IPEndPoint.MaxPort)
        {
            return ValidateOptionsResult.Fail($"{Section}:Port must be a TCP port (1-65535), not {options.Port}.");
        }

        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            return ValidateOptionsResult.Fail($"{Section}:ListenAddress must be an IP address (127.0.0.1 by default, 0.0.0.0 to expose the dashboard), not '{options.ListenAddress}'.");
        }

        if (options.AllowedHosts.Any(h => string.IsNullOrWhiteSpace(h) || h.Contains('*', StringComparison.Ordinal)))
        {
            return ValidateOptionsResult.Fail($"{Section}:AllowedHosts must list host names, without wildcards.");
        }

        if (options.IsExposed)
        {
            var missing = new List<string>();
            if (!options.HasCredentials)
            {
                missing.Add($"the operator login ({Section}:Username and {Section}:PasswordHash)");
            }

            if (!options.HasCertificate)
            {
                missing.Add($"HTTPS ({Section}:CertificatePath and {Section}:KeyPath)");
            }

            if (options.AllowedHosts.Count == 0)
            {
                missing.Add($"the host names it answers to ({Section}:AllowedHosts)");
            }

            if (missing.Count > 0)
            {
                return ValidateOptionsResult.Fail(
                    $"The dashboard listens beyond loopback ({Section}:ListenAddress {options.ListenAddress}) but lacks {string.Join(", ", missing)}. "
                    + "It shows student data: serve it on loopback (kubectl port-forward) or give it all three.");
            }
        }

        return options.HasCertificate ? CheckCertificate(options) : ValidateOptionsResult.Success;
    }

    /// <summary>The listener's certificate, loaded from <see cref="OperatorDashboardOptions.CertificatePath"/> and <see cref="OperatorDashboardOptions.KeyPath"/>.</summary>
    public static X509Certificate2 LoadCertificate(OperatorDashboardOptions options)
        => X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.KeyPath);

    private static ValidateOptionsResult CheckCertificate(OperatorDashboardOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.KeyPath))
        {
            return ValidateOptionsResult.Fail($"{Section}:KeyPath is missing: HTTPS needs {Section}:CertificatePath and {Section}:KeyPath together.");
        }

        foreach (var (key, path) in new[] { ("CertificatePath", options.CertificatePath!), ("KeyPath", options.KeyPath) })
        {
            if (!File.Exists(path))
            {
                return ValidateOptionsResult.Fail($"{Section}:{key}: no file at '{path}'.");
            }
        }

        try
        {
            using var certificate = LoadCertificate(options);
            return certificate.HasPrivateKey && certificate.NotAfter > DateTime.Now
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Section}:CertificatePath: the certificate has expired or {Section}:KeyPath is not its key.");
        }
        catch (CryptographicException e)
        {
            return ValidateOptionsResult.Fail($"{Section}:CertificatePath/{Section}:KeyPath: {e.Message}");
        }
    }
}
