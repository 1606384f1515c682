using System.Text;

namespace Multica.Application.Search.Shared;

/// <summary>About 120 characters of a comment around the first case-insensitive occurrence of the query.</summary>
public static class Snippet
{
    public static string Extract(string content, string query)
    {
        var runes = content.EnumerateRunes().ToArray();
        var lower = content.ToLowerInvariant().EnumerateRunes().ToArray();
        var needle = query.ToLowerInvariant().EnumerateRunes().ToArray();
        var index = -1;
        if (needle.Length > 0 && lower.Length == runes.Length)
            for (var i = 0; i + needle.Length <= lower.Length && index < 0; i++)
                if (lower.AsSpan(i, needle.Length).SequenceEqual(needle))
                    index = i;
        if (index < 0)
            return runes.Length > 120 ? Join(runes, 0, 120) + "..." : content;
        var start = Math.Max(0, index - 40);
        var end = Math.Min(runes.Length, index + needle.Length + 80);
        return (start > 0 ? "..." : "") + Join(runes, start, end) + (end < runes.Length ? "..." : "");
    }

    private static string Join(Rune[] runes, int start, int end) =>
        string.Concat(runes[start..end].Select(r => r.ToString()));
}
