using System.Collections.Immutable;
using System.Text.Json;
using Actors.Contracts.Collections;
using Actors.Contracts.Documents;
using Actors.Contracts.Students;
using Actors.Grains.Documents;
using Actors.Grains.Students;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Actors.Domain.Tests.Collections;

/// <summary>
/// The collection grain states keep their itemized collections in: which keys changed since an earlier version (what
/// a write looks at), where that history ends, and JSON and Orleans forms that carry the items alone.
/// </summary>
public sealed class TrackedDictionaryTests
{
    [Fact]
    public void A_version_names_every_key_changed_since_an_earlier_one_and_nothing_before_it()
    {
        var stored = TrackedDictionary<string>.Empty.Add("a", "1").Add("b", "2");
        var later = stored.SetItem("a", "1'").Remove("b").Add("c", "3").SetItem("a", "1''");

        var keys = new HashSet<string>();
        Assert.True(later.TryGetChangesSince(stored, keys));
        Assert.Equal(["a", "b", "c"], keys.Order());

        var sinceEmpty = new HashSet<string>();
        Assert.True(later.TryGetChangesSince(TrackedDictionary<string>.Empty, sinceEmpty));
        Assert.Equal(["a", "b", "c"], sinceEmpty.Order());
    }

    [Fact]
    public void A_change_that_changes_nothing_is_the_same_version()
    {
        var item = new object();
        var stored = TrackedDictionary<object>.Empty.Add("a", item);

        Assert.Same(stored, stored.SetItem("a", item));
        Assert.Same(stored, stored.Remove("missing"));
    }

    [Fact]
    public void Versions_not_made_from_the_earlier_one_cannot_be_traced_to_it()
    {
        var stored = TrackedDictionary<string>.Empty.Add("a", "1");
        var rebuilt = TrackedDictionary<string>.From(stored.Add("b", "2"));
        var sibling = TrackedDictionary<string>.Empty.Add("a", "1");

        Assert.False(rebuilt.TryGetChangesSince(stored, new HashSet<string>()));
        Assert.False(sibling.TryGetChangesSince(stored, new HashSet<string>()));
        Assert.False(stored.TryGetChangesSince(stored.Add("b", "2"), new HashSet<string>()));
    }

    [Fact]
    public void Forgetting_the_history_of_a_stored_version_keeps_later_versions_traceable_to_it_only()
    {
        var first = TrackedDictionary<string>.Empty.Add("a", "1");
        var stored = first.Add("b", "2");
        stored.ForgetHistory();
        var later = stored.Add("c", "3");

        var keys = new HashSet<string>();
        Assert.True(later.TryGetChangesSince(stored, keys));
        Assert.Equal(["c"], keys);
        Assert.False(later.TryGetChangesSince(first, new HashSet<string>()));
        Assert.False(later.TryGetChangesSince(TrackedDictionary<string>.Empty, new HashSet<string>()));
    }

    [Fact]
    public void A_version_keeps_at_most_MaxHistory_changes_behind_it()
    {
        var root = TrackedDictionary<int>.From([new("start", 0)]);
        var version = root;
        for (var i = 1; i <= TrackedDictionary<int>.MaxHistory; i++)
        {
            version = version.SetItem("k", i);
        }

        Assert.True(version.TryGetChangesSince(root, new HashSet<string>()));
        var beyond = version.SetItem("k", -1);
        Assert.False(beyond.TryGetChangesSince(root, new HashSet<string>()));
        Assert.False(beyond.TryGetChangesSince(version, new HashSet<string>()));

        // The next one starts counting again from the version that lost its history.
        Assert.True(beyond.SetItem("k", -2).TryGetChangesSince(beyond, new HashSet<string>()));
    }

    [Fact]
    public void From_keeps_the_last_value_of_a_repeated_key_and_shares_the_empty_instance()
    {
        var built = TrackedDictionary<string>.From([new("a", "1"), new("a", "2")]);

        Assert.Equal("2", built["a"]);
        Assert.Single(built);
        Assert.Same(TrackedDictionary<string>.Empty, TrackedDictionary<string>.From([]));
        Assert.Throws<ArgumentException>(() => built.Add("a", "3"));
    }

    [Fact]
    public void Its_JSON_is_an_ImmutableDictionary_s_both_ways()
    {
        var items = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, Goal>("Goal-1", new Goal { Id = "Goal-1", Title = "Read" })]);
        var options = JsonSerializerOptions.Web;

        var json = JsonSerializer.Serialize(TrackedDictionary<Goal>.From(items), options);
        Assert.Equal(JsonSerializer.Serialize(items, options), json);

        var read = JsonSerializer.Deserialize<TrackedDictionary<Goal>>(json, options)!;
        Assert.Equal("Read", read["Goal-1"].Title);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TrackedDictionary<Goal>>("[1]", options));
    }

    [Fact]
    public void Orleans_serializes_and_copies_a_state_s_items_without_their_history()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var annotation = new Annotation { Id = "a1", AuthorId = "ana", Page = 1, Body = new CommentBody { Text = "hello" } };
        var state = new DocumentState { Title = "Handout", Annotations = TrackedDictionary<Annotation>.Empty.Add("a1", annotation).Add("a2", annotation with { Id = "a2" }) };
        var student = new StudentState { Reflections = TrackedDictionary<Reflection>.Empty.Add("r1", new Reflection { Id = "r1", Text = "I learnt" }) };

        var serializer = services.GetRequiredService<Serializer>();
        var document = serializer.Deserialize<DocumentState>(serializer.SerializeToArray(state))!;
        var copied = services.GetRequiredService<DeepCopier>().Copy(state)!;
        var studentRead = serializer.Deserialize<StudentState>(serializer.SerializeToArray(student))!;

        Assert.Equal(["a1", "a2"], document.Annotations.Keys.Order());
        Assert.Equal("hello", ((CommentBody)document.Annotations["a1"].Body).Text);
        Assert.False(document.Annotations.TryGetChangesSince(TrackedDictionary<Annotation>.Empty, new HashSet<string>()));
        Assert.Equal(["a1", "a2"], copied.Annotations.Keys.Order());
        Assert.Equal("I learnt", studentRead.Reflections["r1"].Text);
    }
}
