using System.Text.Json;
using Actors.Contracts.Documents;
using Actors.Persistence.CockroachDb.Serialization;

namespace Actors.Domain.Tests.Documents;

/// <summary>
/// <see cref="PagePointJsonConverter"/> keeps the JSON a page point always had (stored ink strokes, operators'
/// queries, exports), only faster to read.
/// </summary>
public sealed class PagePointJsonTests
{
    private static readonly JsonSerializerOptions Storage = JsonGrainStateSerializer.CreateDefaultOptions();

    [Fact]
    public void Writes_what_the_serializer_wrote_before_it()
    {
        Assert.Equal("""{"x":0.25,"y":1}""", JsonSerializer.Serialize(new PagePoint(0.25, 1), Storage));
        Assert.Equal("""{"X":0.25,"Y":1}""", JsonSerializer.Serialize(new PagePoint(0.25, 1)));
        Assert.Equal(
            """{"kind":"ink","points":[{"x":0.1,"y":0.2},{"x":0.3,"y":0.4}],"color":"#000000","width":0.002}""",
            JsonSerializer.Serialize<AnnotationBody>(new InkBody { Points = [new(0.1, 0.2), new(0.3, 0.4)] }, Storage));
    }

    [Theory]
    [InlineData("""{"x":0.25,"y":0.5}""")]
    [InlineData("""{"y":0.5,"x":0.25}""")] // JSONB sorts keys; any order reads
    [InlineData("""{"X":0.25,"Y":0.5}""")]
    [InlineData("""{"x":"0.25","y":"0.5"}""")]
    [InlineData("""{"x":0.25,"pressure":{"a":[1,2]},"y":0.5}""")] // a member of a later version is skipped
    public void Reads_stored_points(string json)
        => Assert.Equal(new PagePoint(0.25, 0.5), JsonSerializer.Deserialize<PagePoint>(json, Storage));

    [Fact]
    public void Rejects_what_is_not_a_point()
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PagePoint>("[0.25,0.5]", Storage));
}
