using System.Text.RegularExpressions;

namespace Multica.Application.Comments.Shared;

public sealed record Mention(string Type, string Id)
{
    public const string Member = "member";
    public const string Agent = "agent";
    public const string Issue = "issue";
    public const string All = "all";

    /// <summary>The mentioned id as a UUID (null for "all" and malformed ids).</summary>
    public Guid? Uuid => Guid.TryParse(Id, out var id) ? id : null;
}

/// <summary>
/// Mention syntax (docs/lifecycle.md): [@Label](mention://&lt;member|agent|issue|all&gt;/&lt;id&gt;), the
/// "@" optional, id hex-and-dashes or "all". Returned in order of appearance, de-duplicated by (type, id);
/// ids compare case-insensitively.
/// </summary>
public static partial class Mentions
{
    [GeneratedRegex(@"\[@?[^\]]*\]\(mention://(member|agent|issue|all)/([0-9a-fA-F-]+|all)\)")]
    private static partial Regex Pattern();

    public static IReadOnlyList<Mention> Parse(string? content)
    {
        var result = new List<Mention>();
        if (string.IsNullOrEmpty(content))
            return result;
        var seen = new HashSet<(string, string)>();
        foreach (Match m in Pattern().Matches(content))
        {
            var mention = new Mention(m.Groups[1].Value, m.Groups[2].Value.ToLowerInvariant());
            if (seen.Add((mention.Type, mention.Id)))
                result.Add(mention);
        }
        return result;
    }

    public static bool MentionsId(IEnumerable<Mention> mentions, Guid id) =>
        mentions.Any(m => m.Type != Mention.Issue && m.Uuid == id);
}
