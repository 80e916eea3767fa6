using Actors.Contracts.Documents;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Documents;

/// <summary>
/// An ink stroke's points in real PostgreSQL: stored now as one base64 string (exact doubles, the rest of the item
/// still queryable), and item rows written before in the readable form (an array of <c>{x, y}</c>) still load.
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class InkPointsStorageTests(DomainCluster cluster)
{
    // Page fractions that JSONB's numeric would not give back as they were: -0.0 loses its sign, and the rest need
    // every digit of their shortest round-trip form.
    private static readonly PagePoint[] Exact =
    [
        new(0, -0.0), new(1, 1e-300), new(0.1, 0.1 + 0.2), new(1.0 / 3, 0.9999999999999999), new(double.Epsilon, 2.2250738585072014e-308),
    ];

    [Fact]
    public async Task A_stroke_is_stored_as_base64_of_its_doubles_reads_back_exactly_and_stays_queryable()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var key = document.GetGrainId().Key.ToString()!;
        await document.AddAnnotation(owner, new AnnotationDraft("ink", 2, new InkBody { Points = Exact, Color = "#1E88E5", Width = 0.003 }));

        Assert.Equal("string", await ItemAsync(key, "ink", "jsonb_typeof(item->'body'->'points')"));
        Assert.Equal(
            (object)(Exact.Length * 16),
            await ItemAsync(key, "ink", "length(decode(item->'body'->>'points', 'base64'))"));
        Assert.Equal(
            $"ink {owner.UserId} #1E88E5 0.003 2",
            await ItemAsync(key, "ink", "concat_ws(' ', item->'body'->>'kind', item->>'authorId', item->'body'->>'color', item->'body'->>'width', item->>'page')"));
        Assert.Equal(true, await ItemAsync(key, "ink", "(item->>'createdAt')::timestamptz > now() - interval '1 hour'"));

        await cluster.DeactivateAsync(document);
        var ink = Assert.IsType<InkBody>(Assert.Single((await document.GetAnnotations(owner)).Annotations).Body);

        Assert.Equal(Exact.Select(Bits), ink.Points.Select(Bits));
    }

    [Fact]
    public async Task An_item_row_with_readable_points_loads_and_moves_to_base64_when_rewritten()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var key = document.GetGrainId().Key.ToString()!;
        await document.AddAnnotation(owner, DocumentFactory.Ink("old"));
        await document.AddAnnotation(owner, DocumentFactory.Ink("kept"));
        await cluster.DeactivateAsync(document);

        // What a row written before the compact form holds: the points as JSON numbers (keys as JSONB sorts them).
        const string Readable = """[{"x": 0.1, "y": 0.30000000000000004}, {"y": 1, "x": 0}, {"x": 0.5, "y": 0.25}]""";
        await cluster.Database.ScalarAsync(
            """
            UPDATE orleans_grain_state_items SET item = jsonb_set(item, '{body,points}', $3::jsonb)
            WHERE service_id = $1 AND grain_key = $2 AND collection = 'annotations'
            """,
            cluster.ServiceId, key, Readable);
        Assert.Equal("array", await ItemAsync(key, "old", "jsonb_typeof(item->'body'->'points')"));

        var loaded = (await document.GetAnnotations(owner)).Annotations.ToDictionary(a => a.Id, a => ((InkBody)a.Body).Points);
        Assert.Equal([new PagePoint(0.1, 0.1 + 0.2), new PagePoint(0, 1), new PagePoint(0.5, 0.25)], loaded["old"]);
        Assert.Equal(loaded["old"], loaded["kept"]);

        await document.EditAnnotation(owner, "old", new InkBody { Points = loaded["old"].Reverse().ToArray() }, page: 1);

        // No migration rewrites rows: only the edited one moved to the compact form.
        Assert.Equal("string", await ItemAsync(key, "old", "jsonb_typeof(item->'body'->'points')"));
        Assert.Equal("array", await ItemAsync(key, "kept", "jsonb_typeof(item->'body'->'points')"));
        await cluster.DeactivateAsync(document);
        var reread = (await document.GetAnnotations(owner)).Annotations.ToDictionary(a => a.Id, a => ((InkBody)a.Body).Points);
        Assert.Equal(loaded["old"].Reverse(), reread["old"]);
        Assert.Equal(loaded["kept"], reread["kept"]);
    }

    private Task<object?> ItemAsync(string key, string itemKey, string expression)
        => cluster.Database.ScalarAsync(
            $"SELECT {expression} FROM orleans_grain_state_items WHERE service_id = $1 AND grain_key = $2 AND collection = 'annotations' AND item_key = $3",
            cluster.ServiceId, key, itemKey);

    private static (long X, long Y) Bits(PagePoint point) => (BitConverter.DoubleToInt64Bits(point.X), BitConverter.DoubleToInt64Bits(point.Y));
}
