namespace Actors.Gateway.DevSignIn;

/// <summary>Who a development token is for. <see cref="School"/> is carried as the <c>school</c> claim when set.</summary>
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
