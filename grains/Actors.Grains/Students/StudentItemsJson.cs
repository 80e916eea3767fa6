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

    /// <summary>
    /// The student's document index: <c>{"id": {"linkedAt": …}}</c>, or a list of ids as rows held it before the index
    /// was stored per item (their link times were not recorded).
    /// </summary>
    public sealed class Documents : Keyed<StudentDocumentLink>
    {
        public override TrackedDictionary<StudentDocumentLink> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => reader.TokenType == JsonTokenType.StartArray
                ? TrackedDictionary<StudentDocumentLink>.From(ReadIds(ref reader).Select(id => KeyValuePair.Create(id, StudentDocumentLink.Unknown)))
                : base.Read(ref reader, typeToConvert, options);
    }

    /// <summary>
    /// Remembered page-view request ids: <c>{"id": {"order": n}}</c>, or a list of ids, oldest first, as rows held
    /// them before they were stored per item (the list's order becomes theirs).
    /// </summary>
    public sealed class PageViewRequests : Keyed<PageViewRequest>
    {
        public override TrackedDictionary<PageViewRequest> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => reader.TokenType == JsonTokenType.StartArray
                ? TrackedDictionary<PageViewRequest>.From(ReadIds(ref reader).Select((id, i) => KeyValuePair.Create(id, new PageViewRequest(i))))
                : base.Read(ref reader, typeToConvert, options);
    }

    /// <summary>A JSON list of strings (the reader on its start), read to its end.</summary>
    private static List<string> ReadIds(ref Utf8JsonReader reader)
    {
        var ids = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ids.Add(reader.GetString() ?? throw new JsonException("A list of ids holds a null."));
        }

        return ids;
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
