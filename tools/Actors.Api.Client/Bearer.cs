using Grpc.Core;

namespace Actors.Api.Client;

/// <summary>Call options that present a bearer token.</summary>
public static class Bearer
{
    /// <summary>Headers carrying <paramref name="token"/>.</summary>
    public static Metadata Headers(string token) => new() { { "authorization", "Bearer " + token } };

    /// <summary>Options carrying <paramref name="token"/>, with an optional deadline and cancellation.</summary>
    public static CallOptions Options(string token, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => new(Headers(token), deadline, cancellationToken);
}
