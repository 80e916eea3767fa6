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

    private CallerMethod(int[] callerArguments, bool clusterInternal)
    {
        CallerArguments = callerArguments;
        IsClusterInternal = clusterInternal;
    }

    /// <summary>Positions of the parameters declared as <see cref="Caller"/>.</summary>
    public IReadOnlyList<int> CallerArguments { get; }

    /// <summary>True when only grains may call the method.</summary>
    public bool IsClusterInternal { get; }

    /// <summary>True when a call must carry a token: the method takes a caller, or only grains may call it.</summary>
    public bool NeedsToken => CallerArguments.Count > 0 || IsClusterInternal;

    /// <summary>The facts of <paramref name="method"/> (an interface method; null for calls Orleans makes without one).</summary>
    public static CallerMethod Of(MethodInfo? method) => method is null ? Open : Known.GetOrAdd(method, static m => Describe(m));

    private static CallerMethod Describe(MethodInfo method)
    {
        var callers = method.GetParameters().Where(p => p.ParameterType == typeof(Caller)).Select(p => p.Position).ToArray();
        var clusterInternal = method.DeclaringType?.IsDefined(typeof(ClusterInternalAttribute), inherit: false) == true;
        return callers.Length == 0 && !clusterInternal ? Open : new CallerMethod(callers, clusterInternal);
    }
}
