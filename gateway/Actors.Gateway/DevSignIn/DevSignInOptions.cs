namespace Actors.Gateway.DevSignIn;

/// <summary>
/// The development sign-in (<c>Gateway:DevSignIn</c>): a page at <c>/dev/sign-in</c> that stands in for a school's
/// identity provider on a local run. It lists the demo users, mints a token for the one picked, and sends the browser
/// back to the app with the token in the URL fragment, as an identity provider's redirect would. Anyone who can reach
/// it can sign in as anyone: it is off unless enabled, and the gateway refuses to start with it outside the
/// Development environment.
/// </summary>
public sealed class DevSignInOptions
{
    public const string SectionName = "Gateway:DevSignIn";

    /// <summary>Serves <c>/dev/sign-in</c>. Default false; <c>scripts/run-local.sh</c> turns it on.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// JSON file of the demo schools and users the page lists (<c>scripts/demo/sign-in-users.json</c>). Default none:
    /// the page then offers only the form for any user id and role.
    /// </summary>
    public string? UsersFile { get; set; }

    /// <summary>
    /// PEM private key the page signs tokens with: the run's development key pair (<c>.run/dev-signing-key.pem</c>,
    /// <c>actors dev-signing-key</c>), whose public half the gateway trusts through <c>Jwt:PublicKeyPaths</c>. Required
    /// when enabled.
    /// </summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>How long a minted token is valid. Default 8 hours (a school day); at most 24 hours.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}
