namespace Actors.Gateway.DevSignIn;

/// <summary>Who a development token is for: the <c>school</c>, <c>sub</c> and <c>role</c> claims (the page refuses an identity without a school).</summary>
public sealed record DevIdentity(string? School, string UserId, string Role);

/// <summary>
/// Mints the tokens the development sign-in hands out: the one part of it that depends on how the gateway checks
/// tokens (HMAC today; a local key pair whose public half the gateway trusts once tokens are asymmetric).
/// </summary>
public interface IDevTokenIssuer
{
    /// <summary>A token the gateway accepts for <paramref name="identity"/>, valid for <paramref name="lifetime"/>.</summary>
    string Issue(DevIdentity identity, TimeSpan lifetime);
}
