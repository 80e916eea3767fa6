using System.Text.Json;
using Actors.Contracts.Documents;
using Actors.Grains.Validation;

namespace Actors.Domain.Tests.Limits;

/// <summary>
/// The byte measure behind every stored-size limit reuses one counter and one JSON writer per thread: each measure is
/// the value's own UTF-8 JSON length, whatever was measured before on that thread, including a measure that failed.
/// </summary>
public sealed class StoredSizeTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void A_measure_is_the_value_s_JSON_length_whatever_came_before_it_on_the_thread()
    {
        var large = Ink(500); // well past the 4 KB scratch buffer
        var small = new CommentBody { Text = "ā short note" };

        Assert.Equal(Json(large), StoredSize.Of(large));
        Assert.Equal(Json(small), StoredSize.Of(small));
        Assert.Equal(Json(large), StoredSize.Of(large));
    }

    [Fact]
    public void A_measure_that_failed_leaves_nothing_behind_for_the_next()
    {
        // JSON has no NaN: the serializer refuses it part-way through the object.
        Assert.ThrowsAny<ArgumentException>(() => StoredSize.Of(new PageRect(0.1, double.NaN, 0.2, 0.3)));

        var after = new PageRect(0.1, 0.2, 0.3, 0.4);
        Assert.Equal(Json(after), StoredSize.Of(after));
    }

    [Fact]
    public async Task Threads_measuring_at_once_each_get_their_own_value_s_length()
    {
        var bodies = Enumerable.Range(1, 16).Select(Ink).ToArray();
        var expected = bodies.Select(Json).ToArray();

        var measured = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            var body = bodies[i % bodies.Length];
            return Enumerable.Range(0, 50).Select(_ => StoredSize.Of(body)).Distinct().Single();
        })));

        Assert.Equal(Enumerable.Range(0, 64).Select(i => expected[i % bodies.Length]), measured);
    }

    private static InkBody Ink(int points) => new() { Points = [.. Enumerable.Range(0, points).Select(i => new PagePoint(i / 1000.0, 1 - (i / 1000.0)))] };

    private static long Json<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Web).Length;
}
