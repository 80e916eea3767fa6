using Actors.Security.Callers;
using Actors.Security.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace Actors.Security.Hosting;

/// <summary>The silos' check of who is calling: see <see cref="CallerVerificationFilter"/> and <see cref="ServiceTokenFilter"/>.</summary>
public static class CallerVerificationHostingExtensions
{
    /// <summary>
    /// Verifies the token of every grain call that needs a caller and builds the caller from it; signs the calls this
    /// silo's grains make with the cluster's service key. Settings: <c>Jwt</c> (<see cref="TokenOptions"/>, as the
    /// gateway's) and <c>CallerVerification</c> (<see cref="CallerVerificationOptions"/>), both checked at start-up.
    /// </summary>
    public static ISiloBuilder AddCallerVerification(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>());
        services.AddOptions<CallerVerificationOptions>().BindConfiguration(CallerVerificationOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallerVerificationOptions>, CallerVerificationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new TokenVerifier(sp.GetRequiredService<IOptions<TokenOptions>>().Value));
        services.TryAddSingleton(static sp => new ServiceTokens(sp.GetRequiredService<IOptions<CallerVerificationOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static sp => new CallerTokenVerifier(
            sp.GetRequiredService<TokenVerifier>(),
            sp.GetRequiredService<ServiceTokens>(),
            sp.GetRequiredService<IOptions<CallerVerificationOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        silo.AddIncomingGrainCallFilter<CallerVerificationFilter>();
        silo.AddOutgoingGrainCallFilter<ServiceTokenFilter>();
        return silo;
    }
}
