using System.Text.Json;
using System.Text.Json.Serialization;
using Actors.Contracts.Collections;
using Actors.Contracts.Students;

namespace Actors.Grains.Students;

/// <summary>
/// The JSON of a student's keyed collections. Written as objects keyed by id (page), as stored since schema 4; read
/// from that form and from the one rows of schema 3 and earlier hold — lists of items (goals, activities,
/// reflections) and plain numbers per page (page views) — so such a row loads as it is and is rewritten in the new
/// form (its items as item rows) by the grain's next write.
/// </summary>
internal static class StudentItemsJson
{
    /// <summary>
    /// The empty collection with the ordinal key comparer every student collection uses: one shared instance per item
    /// type, so an idle student's empty collections cost no memory of their own.
    /// </summary>
    public static TrackedDictionary<T> Empty<T>() => TrackedDictionary<T>.Empty;

    public sealed class Goals : ById<Goal>
    {
        protected override string KeyOf(Goal item) => item.Id;
    }

    public sealed class Activities : ById<Activity>
    {
        protected override string KeyOf(Activity item) => item.Id;
    }

    public sealed class Reflections : ById<Reflection>
    {
        protected override string KeyOf(Reflection item) => item.Id;
    }

    /// <summary>Page views: <c>{"page": {"count": n}}</c>, or <c>{"page": n}</c> before schema 4.</summary>
    public sealed class PageViews : Keyed<PageViewCount>
    {
        protected override PageViewCount ReadValue(ref Utf8JsonReader reader, JsonSerializerOptions options)
            => reader.TokenType == JsonTokenType.Number ? new PageViewCount(reader.GetInt64()) : base.ReadValue(ref reader, options);
    }

    /// <summary>Items that carry their own key: a list of them (before schema 4) is keyed by it.</summary>
    public abstract class ById<T> : Keyed<T>
        where T : class
    {
        protected abstract string KeyOf(T item);

        public override TrackedDictionary<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return base.Read(ref reader, typeToConvert, options);
            }

            var items = new List<KeyValuePair<string, T>>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var item = ReadValue(ref reader, options);
                items.Add(new(KeyOf(item), item));
            }

            return TrackedDictionary<T>.From(items);
        }
    }

    /// <summary>An object keyed by the items' keys, as they are (no naming policy applies to keys).</summary>
    public abstract class Keyed<T> : TrackedDictionaryJsonConverter<T>
        where T : class;
}
