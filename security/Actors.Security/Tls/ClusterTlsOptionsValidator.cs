using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Security.Tls;

/// <summary>
/// Checks <see cref="ClusterTlsOptions"/> at start-up: TLS is required outside Development unless explicitly disabled,
/// and the configured files exist and hold a certificate with its key and a CA. Every failure names its key.
/// </summary>
internal sealed class ClusterTlsOptionsValidator(IHostEnvironment environment) : IValidateOptions<ClusterTlsOptions>
{
    private const string Section = ClusterTlsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ClusterTlsOptions options)
    {
        var paths = new[] { options.CertificatePath, options.KeyPath, options.CaPath };
        if (options.Disabled)
        {
            return paths.All(string.IsNullOrWhiteSpace)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Section}:Disabled is true but certificate paths are set: remove one or the other.");
        }

        if (paths.All(string.IsNullOrWhiteSpace))
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"The Orleans ports need TLS outside Development (environment '{environment.EnvironmentName}'): set {Section}:CertificatePath, "
                    + $"{Section}:KeyPath and {Section}:CaPath (the tls.crt, tls.key and ca.crt of the mounted secret), or {Section}:Disabled=true "
                    + "to run without TLS on a network nobody else can reach.");
        }

        foreach (var (key, path) in new[] { ("CertificatePath", options.CertificatePath), ("KeyPath", options.KeyPath), ("CaPath", options.CaPath) })
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                return ValidateOptionsResult.Fail($"{Section}:{key} is missing: TLS needs CertificatePath, KeyPath and CaPath together.");
            }

            if (!File.Exists(path))
            {
                return ValidateOptionsResult.Fail($"{Section}:{key}: no file at '{path}'.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.SiloName) || options.ClientNames.Count == 0 || options.ClientNames.Any(string.IsNullOrWhiteSpace))
        {
            return ValidateOptionsResult.Fail($"{Section}:SiloName and {Section}:ClientNames must name the DNS names in the silos' and clients' certificates.");
        }

        if (options.HandshakeTimeout <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"{Section}:HandshakeTimeout must be positive.");
        }

        try
        {
            using var certificates = ClusterCertificates.Load(options);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or InvalidOperationException)
        {
            return ValidateOptionsResult.Fail($"{Section}: {e.Message}");
        }

        return ValidateOptionsResult.Success;
    }
}
