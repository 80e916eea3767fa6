using System.Text;

namespace Actors.Gateway.Errors;

/// <summary>
/// Turns the grains' field paths (<c>draft.title</c>, <c>profile.yearLevel</c>, <c>entry.hours</c>) into the request's
/// protobuf field paths (<c>title</c>, <c>profile.year_level</c>, <c>hours</c>): the API's requests are flat where the
/// grain methods take a draft or entry object, and protobuf names are snake_case.
/// </summary>
internal static class FieldPaths
{
    private static readonly string[] FlattenedPrefixes = ["draft.", "entry.", "spec."];

    public static string ToRequestPath(string domainPath)
    {
        foreach (var prefix in FlattenedPrefixes)
        {
            if (domainPath.StartsWith(prefix, StringComparison.Ordinal))
            {
                domainPath = domainPath[prefix.Length..];
                break;
            }
        }

        var path = new StringBuilder(domainPath.Length + 8);
        for (var i = 0; i < domainPath.Length; i++)
        {
            var c = domainPath[i];
            if (char.IsAsciiLetterUpper(c))
            {
                if (i > 0 && domainPath[i - 1] != '.')
                {
                    path.Append('_');
                }

                path.Append(char.ToLowerInvariant(c));
            }
            else
            {
                path.Append(c);
            }
        }

        return path.ToString();
    }
}
