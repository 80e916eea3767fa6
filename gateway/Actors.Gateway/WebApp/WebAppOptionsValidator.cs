using Microsoft.Extensions.Options;

namespace Actors.Gateway.WebApp;

/// <summary>A configured app folder must hold a built app: a typo fails start-up, not every page load.</summary>
internal sealed class WebAppOptionsValidator : IValidateOptions<WebAppOptions>
{
    public ValidateOptionsResult Validate(string? name, WebAppOptions options)
    {
        if (string.IsNullOrEmpty(options.Root))
        {
            return ValidateOptionsResult.Success;
        }

        var index = Path.Combine(Path.GetFullPath(options.Root), "index.html");
        return File.Exists(index)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{WebAppOptions.SectionName}:Root is '{options.Root}', but {index} does not exist: build the app (cd web && npm run build) or unset the option.");
    }
}
