using System.Text.Json.Serialization;

namespace Actors.Persistence.Tests;

public sealed class Profile
{
    public string Name { get; set; } = "";

    public List<string> Tags { get; set; } = [];

    public Dictionary<string, int> Scores { get; set; } = [];

    public Address? Home { get; set; }

    public DateTimeOffset JoinedAt { get; set; }

    public decimal Hours { get; set; }
}

public sealed record Address(string City, string Country);

/// <summary>A list of tokens appended by writers: lets a test see every acknowledged write, exactly once.</summary>
public sealed class Ledger
{
    public List<string> Entries { get; set; } = [];
}

[JsonPolymorphic]
[JsonDerivedType(typeof(Highlight), "highlight")]
[JsonDerivedType(typeof(Comment), "comment")]
public abstract class Mark
{
    public int Id { get; set; }
}

public sealed class Highlight : Mark
{
    public string Colour { get; set; } = "";
}

public sealed class Comment : Mark
{
    public string Text { get; set; } = "";
}

public sealed class Marks
{
    public List<Mark> Items { get; set; } = [];
}
