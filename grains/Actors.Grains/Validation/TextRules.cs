namespace Actors.Grains.Validation;

/// <summary>What text may contain so that it can be stored and shown.</summary>
internal static class TextRules
{
    /// <summary>
    /// Control characters are refused — U+0000 above all: PostgreSQL (and CockroachDB) JSONB cannot store it, so it
    /// would fail the whole state write, taking other callers' changes with it. Long text may keep line breaks
    /// and tabs. Unpaired surrogates are refused too: they are not valid Unicode and JSONB rejects them as escapes.
    /// (Orleans' wire format already turns them into U+FFFD on calls between processes; calls within a silo pass
    /// strings through untouched, so the check stays.)
    /// </summary>
    public static string? FindProblem(string value, bool multiline)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return $"contains an unpaired surrogate at position {i} (not valid Unicode).";
            }

            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            {
                return multiline
                    ? $"contains the control character U+{(int)c:X4} at position {i}; only line breaks and tabs are allowed."
                    : $"contains the control character U+{(int)c:X4} at position {i}; it must be a single line of text.";
            }
        }

        return null;
    }
}
