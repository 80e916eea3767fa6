using System.Reflection;
using Actors.Contracts;
using Actors.Contracts.Internal;
using Actors.Security.Callers;

namespace Actors.Security.Tests.Callers;

/// <summary>
/// What the silo's check knows of each grain method (<see cref="CallerMethod"/>), pinned for every grain interface of
/// the contracts: none of them is left unchecked by accident.
/// </summary>
public sealed class CallerMethodTests
{
    private static readonly Type[] GrainInterfaces = [.. typeof(Caller).Assembly.GetTypes().Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t))];

    [Fact]
    public void Every_interface_of_the_internal_namespace_is_for_grains_only()
    {
        var internals = GrainInterfaces.Where(t => t.Namespace == typeof(ClusterInternalAttribute).Namespace).ToList();

        Assert.NotEmpty(internals);
        Assert.All(internals.SelectMany(Methods), m => Assert.True(CallerMethod.Of(m).IsClusterInternal, $"{m.DeclaringType!.Name}.{m.Name}"));
    }

    [Fact]
    public void Every_method_of_a_public_grain_interface_takes_the_caller_the_silo_checks()
    {
        var publics = GrainInterfaces.Where(t => t.Namespace != typeof(ClusterInternalAttribute).Namespace).ToList();

        Assert.NotEmpty(publics);
        Assert.All(publics.SelectMany(Methods), m =>
        {
            var method = CallerMethod.Of(m);
            Assert.True(method.NeedsToken && !method.IsClusterInternal, $"{m.DeclaringType!.Name}.{m.Name}");
            Assert.Equal([.. m.GetParameters().Where(p => p.ParameterType == typeof(Caller)).Select(p => p.Position)], method.CallerArguments);
        });
    }

    [Fact]
    public void A_method_without_caller_outside_the_contracts_passes_unchecked()
        => Assert.False(CallerMethod.Of(typeof(IDisposable).GetMethod(nameof(IDisposable.Dispose))).NeedsToken);

    private static IEnumerable<MethodInfo> Methods(Type type) => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
}
