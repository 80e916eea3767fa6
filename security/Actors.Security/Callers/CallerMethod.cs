using System.Collections.Concurrent;
using System.Reflection;
using Actors.Contracts;
using Actors.Contracts.Internal;

namespace Actors.Security.Callers;

/// <summary>
/// What the silo's checks need to know about a grain interface method, worked out once per method: which arguments are
/// the <see cref="Caller"/>, and whether only grains may call it (<see cref="ClusterInternalAttribute"/>).
/// </summary>
public sealed class CallerMethod
{
    private static readonly ConcurrentDictionary<MethodInfo, CallerMethod> Known = new();
    private static readonly CallerMethod Open = new([], clusterInternal: false);

    private readonly bool _needsToken;

    private CallerMethod(int[] callerArguments, bool clusterInternal, bool needsToken = false)
    {
        CallerArguments = callerArguments;
        IsClusterInternal = clusterInternal;
        _needsToken = needsToken || callerArguments.Length > 0 || clusterInternal;
    }

    /// <summary>
    /// A poll of a grain's <see cref="IAsyncEnumerable{T}"/> method after it started (<see cref="CallerCall"/>): no
    /// caller of its own, but a token the silo accepts for the grain, so an enumeration outlives no token.
    /// </summary>
    public static CallerMethod EnumerationPoll { get; } = new([], clusterInternal: false, needsToken: true);

    /// <summary>Positions of the parameters declared as <see cref="Caller"/>.</summary>
    public IReadOnlyList<int> CallerArguments { get; }

    /// <summary>True when only grains may call the method.</summary>
    public bool IsClusterInternal { get; }

    /// <summary>True when a call must carry a token: the method takes a caller, or only grains may call it, or it polls an enumeration.</summary>
    public bool NeedsToken => _needsToken;

    /// <summary>The facts of <paramref name="method"/> (an interface method; null for calls Orleans makes without one).</summary>
    public static CallerMethod Of(MethodInfo? method) => method is null ? Open : Known.GetOrAdd(method, static m => Describe(m));

    private static CallerMethod Describe(MethodInfo method)
    {
        var callers = method.GetParameters().Where(p => p.ParameterType == typeof(Caller)).Select(p => p.Position).ToArray();
        var clusterInternal = method.DeclaringType?.IsDefined(typeof(ClusterInternalAttribute), inherit: false) == true;
        return callers.Length == 0 && !clusterInternal ? Open : new CallerMethod(callers, clusterInternal);
    }
}
