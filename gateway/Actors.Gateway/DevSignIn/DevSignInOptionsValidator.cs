using Microsoft.Extensions.Options;

namespace Actors.Gateway.DevSignIn;

/// <summary>Checks <see cref="DevSignInOptions"/> at start-up; every failure names the configuration key.</summary>
internal sealed class DevSignInOptionsValidator(IHostEnvironment environment) : IValidateOptions<DevSignInOptions>
{
    private static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromHours(24);

    public ValidateOptionsResult Validate(string? name, DevSignInOptions options)
    {
        const string Section = DevSignInOptions.SectionName;
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (!environment.IsDevelopment())
        {
            return ValidateOptionsResult.Fail(
                $"{Section}:Enabled lets anyone sign in as anyone; it is refused in the '{environment.EnvironmentName}' environment (only Development).");
        }

        if (options.TokenLifetime <= TimeSpan.Zero || options.TokenLifetime > MaxTokenLifetime)
        {
            return ValidateOptionsResult.Fail($"{Section}:TokenLifetime must be positive and at most {MaxTokenLifetime.TotalHours} hours, not {options.TokenLifetime}.");
        }

        if (string.IsNullOrWhiteSpace(options.SigningKeyPath))
        {
            return ValidateOptionsResult.Fail(
                $"{Section}:SigningKeyPath is required: the development private key tokens are signed with (its public half in Jwt:PublicKeyPaths; `actors dev-signing-key`).");
        }

        try
        {
            using var key = Actors.Security.Development.DevSigningKey.Load(options.SigningKeyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            return ValidateOptionsResult.Fail($"{Section}:SigningKeyPath '{options.SigningKeyPath}' cannot be used: {e.Message}");
        }

        if (options.UsersFile is { Length: > 0 } file)
        {
            try
            {
                _ = DemoDirectory.Load(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                return ValidateOptionsResult.Fail($"{Section}:UsersFile '{file}' cannot be used: {e.Message}");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
