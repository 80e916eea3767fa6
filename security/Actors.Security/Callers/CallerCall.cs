using System.Reflection;
using Orleans.Runtime;
using Orleans.Serialization.Invocation;

namespace Actors.Security.Callers;

/// <summary>
/// A grain call as the silos' checks see it: the method whose rules apply (<see cref="CallerMethod"/>) and the request
/// holding that method's arguments, where the <see cref="Contracts.Caller"/> is replaced.
/// <para>
/// Orleans serves a grain method that returns <see cref="IAsyncEnumerable{T}"/> (a document watch) through
/// <see cref="IAsyncEnumerableGrainExtension"/>: the call that starts the enumeration carries the grain method's own
/// request, caller included, as an argument, and each poll after it (<c>MoveNext</c>, a long poll) names only the
/// enumeration. Seen as extension calls they take no caller and would pass unchecked, so the start is checked as the
/// grain method it invokes, and every poll needs a token the silo accepts for the grain (<see cref="CallerMethod.EnumerationPoll"/>):
/// an enumeration whose token expired, or one polled without a token, is refused at that poll. Disposing an
/// enumeration needs nothing: ending one is always allowed.
/// </para>
/// </summary>
/// <param name="Method">The rules of the call.</param>
/// <param name="Arguments">The request whose arguments <see cref="CallerMethod.CallerArguments"/> index.</param>
public readonly record struct CallerCall(CallerMethod Method, IInvokable Arguments)
{
    private const int StartedRequestArgument = 1;

    /// <summary>The call to <paramref name="interfaceMethod"/> made with <paramref name="request"/>.</summary>
    public static CallerCall Of(MethodInfo? interfaceMethod, IInvokable request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (interfaceMethod?.DeclaringType == typeof(IAsyncEnumerableGrainExtension))
        {
            switch (interfaceMethod.Name)
            {
                case nameof(IAsyncEnumerableGrainExtension.StartEnumeration) when request.GetArgument(StartedRequestArgument) is IInvokable started:
                    return new CallerCall(CallerMethod.Of(started.GetMethod()), started);
                case nameof(IAsyncEnumerableGrainExtension.MoveNext):
                    return new CallerCall(CallerMethod.EnumerationPoll, request);
            }
        }

        return new CallerCall(CallerMethod.Of(interfaceMethod), request);
    }
}
