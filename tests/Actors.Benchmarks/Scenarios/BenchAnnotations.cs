using Actors.Contracts.Documents;

namespace Actors.Benchmarks.Scenarios;

/// <summary>The annotation bodies the document scenarios add: a short comment, or an ink stroke of 200 points.</summary>
internal static class BenchAnnotations
{
    /// <summary>Points per ink stroke: a few seconds of freehand drawing (the growth figures used the same).</summary>
    public const int InkPoints = 200;

    /// <summary>The body kinds growth rows name: <c>comment</c> and <c>ink</c>.</summary>
    public static readonly IReadOnlyList<string> Bodies = ["comment", "ink"];

    /// <summary>Annotation <paramref name="id"/> with a body of kind <paramref name="body"/> on page 1 to 4.</summary>
    public static AnnotationDraft Draft(string id, string body, int seed) => new(id, 1 + (seed % 4), body switch
    {
        "comment" => new CommentBody { Anchor = new PagePoint(0.25, 0.5), Text = $"Comment {seed}: this paragraph argues the opposite of the one before it." },
        "ink" => Ink(seed),
        _ => throw new ArgumentOutOfRangeException(nameof(body), body, "comment or ink"),
    });

    private static InkBody Ink(int seed)
    {
        // A wavy stroke across the page: distinct coordinates, so JSON and compression see realistic numbers.
        var points = new PagePoint[InkPoints];
        for (var i = 0; i < points.Length; i++)
        {
            var x = 0.1 + (0.8 * i / (InkPoints - 1));
            points[i] = new PagePoint(Math.Round(x, 4), Math.Round(0.5 + (0.1 * Math.Sin((i + seed) / 7.0)), 4));
        }

        return new InkBody { Points = points, Color = "#1E88E5", Width = 0.003 };
    }
}
