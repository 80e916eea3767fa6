using System.Collections.Concurrent;
using Actors.Contracts;
using Actors.Security.Callers;
using Orleans;
using Orleans.Runtime;

namespace Actors.Testing.Callers;

/// <summary>
/// Test only: lets a test client call grains with a <see cref="Caller"/> argument as before, while the silos verify
/// signatures for real. For each call that needs a caller it puts a token in the request context: the user's token
/// for that caller (signed with <see cref="TestCallerIdentity.UserKey"/>), or, on a method only grains may call, a
/// service token signed with the test service key — the client stands in for a grain there, as only a test may.
/// </summary>
public sealed class CallerTokenMinter : IOutgoingGrainCallFilter
{
    /// <summary>One minter for every test client of the process (tokens are cached per caller).</summary>
    public static readonly CallerTokenMinter Shared = new();

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);
    private readonly ConcurrentDictionary<Caller, (string Token, DateTime RenewAt)> _userTokens = new();
    private readonly ServiceTokens _serviceTokens = new(TestCallerIdentity.VerificationOptions);

    /// <summary>The token a user <paramref name="caller"/> signs in with in tests.</summary>
    public string UserToken(Caller caller)
    {
        var now = DateTime.UtcNow;
        if (_userTokens.TryGetValue(caller, out var known) && now < known.RenewAt)
        {
            return known.Token;
        }

        var token = TestCallerIdentity.UserKey.Mint(caller.SchoolId, caller.UserId, CallerClaims.RoleName(caller.Role), Lifetime);
        _userTokens[caller] = (token, now + (Lifetime / 2));
        return token;
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var (method, arguments) = CallerCall.Of(context.InterfaceMethod, context.Request);
        // A token the test put in the request context itself (RawClusterClient.CallAsync) is left as it is.
        if (method.NeedsToken && RequestContext.Get(CallerToken.RequestContextKey) is null)
        {
            // A poll of a watch names no caller: the test client stands in for a grain there, with a service token.
            var caller = method.CallerArguments.Count > 0 ? arguments.GetArgument(method.CallerArguments[0]) as Caller : null;
            var token = method.IsClusterInternal || caller is null
                ? _serviceTokens.Mint(context.TargetId.ToString(), caller)
                : UserToken(caller);
            RequestContext.Set(CallerToken.RequestContextKey, token);
        }

        await context.Invoke();
    }
}
