using System.Text.RegularExpressions;

namespace Multica.Application.Search.Shared;

/// <summary>
/// What an issue search looks for: the whole phrase (lower-cased), its words when there are several (each must
/// match somewhere), and an issue number when the query is "PREFIX-N" or "N".
/// </summary>
public sealed partial record IssueSearchTerms(string Phrase, IReadOnlyList<string> Words, int? Number, bool IncludeClosed)
{
    [GeneratedRegex(@"^[a-z]+-(\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Identifier();

    public static IssueSearchTerms Parse(string query, bool includeClosed)
    {
        var words = query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToList();
        var trimmed = query.Trim();
        int? number = null;
        if (Identifier().Match(trimmed) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var n) && n > 0)
            number = n;
        else if (int.TryParse(trimmed, System.Globalization.NumberStyles.AllowLeadingSign, null, out var bare) && bare > 0)
            number = bare;
        return new IssueSearchTerms(query.ToLowerInvariant(), words.Count > 1 ? words : [], number, includeClosed);
    }

    /// <summary>A LIKE pattern matching the text anywhere (%, _ and \ escaped).</summary>
    public static string Contains(string text) => "%" + EscapeLike(text) + "%";

    public static string StartsWith(string text) => EscapeLike(text) + "%";

    private static string EscapeLike(string s) => s.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
