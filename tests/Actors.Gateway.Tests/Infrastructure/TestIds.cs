namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>Fresh ids, so tests sharing one cluster and database never meet.</summary>
public static class TestIds
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
