using System.Text.Json;
using Actors.Contracts.Documents;
using Actors.Grains.Documents;
using Actors.Silo.Hosting;

namespace Actors.Domain.Tests.Documents;

/// <summary>
/// <see cref="StoredInkPointsConverter"/> in the storage's options (<see cref="GrainStateJson"/>): an ink stroke's
/// points stored as one base64 string of exact doubles, the readable array still read, and nothing else's JSON changed.
/// </summary>
public sealed class StoredInkPointsTests
{
    private static readonly JsonSerializerOptions Storage = GrainStateJson.CreateOptions();
    private static readonly JsonSerializerOptions Readable = new(JsonSerializerDefaults.Web);

    // Zero of both signs, extremes, subnormals, decimals no double holds exactly, and what is not a number.
    private static readonly double[] Awkward =
    [
        0, -0.0, 1, 1e-300, -1e-300, double.Epsilon, double.MaxValue, double.MinValue, 0.1, 0.1 + 0.2, 1.0 / 3, Math.PI,
        2.2250738585072014e-308, 0.9999999999999999, double.NaN, double.PositiveInfinity,
    ];

    [Fact]
    public void Every_double_comes_back_bit_for_bit()
    {
        var points = Awkward.Select((x, i) => new PagePoint(x, Awkward[Awkward.Length - 1 - i])).ToArray();

        var read = RoundTrip(new InkBody { Points = points });

        Assert.Equal(points.Select(Bits), read.Points.Select(Bits));
    }

    [Fact]
    public void Points_are_one_base64_string_of_little_endian_doubles_and_the_rest_of_the_stroke_stays_readable()
    {
        var json = JsonSerializer.Serialize<AnnotationBody>(new InkBody { Points = [new(0.5, 1), new(0.25, -0.0)] }, Storage);

        // 0.5 = 0x3FE0000000000000, 1 = 0x3FF0…, 0.25 = 0x3FD0…, -0.0 = 0x8000…: little-endian, X then Y.
        var expected = Convert.ToBase64String(Convert.FromHexString(
            "000000000000E03F" + "000000000000F03F" + "000000000000D03F" + "0000000000000080"));
        Assert.Equal($$"""{"kind":"ink","points":"{{expected}}","color":"#000000","width":0.002}""", json);
    }

    [Fact]
    public void Other_json_keeps_readable_points()
    {
        var ink = new InkBody { Points = [new(0.1, 0.2), new(0.3, 0.4)] };

        // The options without the storage's modifier (what the export and anyone else use) write the array as before.
        Assert.Equal(
            """{"kind":"ink","points":[{"x":0.1,"y":0.2},{"x":0.3,"y":0.4}],"color":"#000000","width":0.002}""",
            JsonSerializer.Serialize<AnnotationBody>(ink, Readable));
        Assert.Contains("\"anchor\":{\"x\":0.1,\"y\":0.2}", JsonSerializer.Serialize<AnnotationBody>(new CommentBody { Anchor = new(0.1, 0.2) }, Storage));
    }

    [Theory]
    [InlineData("""{"kind":"ink","points":[{"x":0.1,"y":0.30000000000000004},{"y":1,"x":0}],"color":"#000000","width":0.002}""")]
    [InlineData("""{"width":0.002,"points":[{"x":"0.1","y":0.30000000000000004},{"x":0,"y":1,"pressure":0.5}],"color":"#000000","kind":"ink"}""")]
    public void The_readable_form_rows_hold_from_before_still_reads(string json)
    {
        var ink = Assert.IsType<InkBody>(JsonSerializer.Deserialize<AnnotationBody>(json, Storage));

        Assert.Equal([new PagePoint(0.1, 0.1 + 0.2), new PagePoint(0, 1)], ink.Points);
    }

    [Fact]
    public void An_escaped_base64_string_reads()
    {
        // A writer may escape '+' and '/' (\u002B, \u002F); the value is the same string.
        var points = new[] { new PagePoint(0.1, 0.7), new PagePoint(1.0 / 3, 0.9) };
        var base64 = JsonSerializer.Serialize<AnnotationBody>(new InkBody { Points = points }, Storage);
        var escaped = base64.Replace("+", "\\u002B", StringComparison.Ordinal).Replace("/", "\\u002F", StringComparison.Ordinal);
        Assert.NotEqual(base64, escaped);

        Assert.Equal(points, Assert.IsType<InkBody>(JsonSerializer.Deserialize<AnnotationBody>(escaped, Storage)).Points);
    }

    [Theory]
    [InlineData("\"not base64!\"", "not valid base64")]
    [InlineData("\"AAAAAAAAAAAAAAAAAAAA\"", "15 bytes, not a whole number of points")]
    [InlineData("\"AAAAAAAAAAA=\"", "8 bytes, not a whole number of points")]
    [InlineData("0.5", "found Number")]
    [InlineData("{\"x\":0.5}", "found StartObject")]
    [InlineData("[0.1,0.2]", "A page point is a JSON object")]
    public void Malformed_points_are_a_JsonException_that_says_what_is_wrong(string points, string message)
    {
        var json = $$"""{"kind":"ink","points":{{points}},"color":"#000000","width":0.002}""";

        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AnnotationBody>(json, Storage));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    private static InkBody RoundTrip(InkBody ink)
        => Assert.IsType<InkBody>(JsonSerializer.Deserialize<AnnotationBody>(JsonSerializer.Serialize<AnnotationBody>(ink, Storage), Storage));

    private static (long X, long Y) Bits(PagePoint point) => (BitConverter.DoubleToInt64Bits(point.X), BitConverter.DoubleToInt64Bits(point.Y));
}
