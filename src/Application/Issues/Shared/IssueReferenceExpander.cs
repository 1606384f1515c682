using System.Text;
using System.Text.RegularExpressions;

namespace Multica.Application.Issues.Shared;

/// <summary>
/// Turns bare issue identifiers (&lt;PREFIX&gt;-&lt;N&gt;) in comment text into mention links
/// [PREFIX-N](mention://issue/&lt;uuid&gt;) when the issue exists (docs/lifecycle.md).
/// Code spans, fenced blocks and existing links are left alone; the prefix match is case-sensitive.
/// Unlike upstream, adjacent identifiers separated by one character are all expanded.
/// </summary>
public static partial class IssueReferenceExpander
{
    [GeneratedRegex(@"```[\s\S]*?(?:```|$)|`[^`\n]*`|\[[^\]\n]*\]\([^)\n]*\)")]
    private static partial Regex ProtectedSpans();

    public static async Task<string> ExpandAsync(string content, string prefix,
        Func<IReadOnlyCollection<int>, Task<IReadOnlyDictionary<int, Guid>>> resolve)
    {
        if (string.IsNullOrEmpty(prefix) || !content.Contains(prefix + "-", StringComparison.Ordinal))
            return content;
        var pattern = new Regex(@"(?<![\w-])" + Regex.Escape(prefix) + @"-(\d{1,9})(?![\w-])");

        // Plain segments between protected spans.
        var segments = new List<(string Text, bool Plain)>();
        var last = 0;
        foreach (Match span in ProtectedSpans().Matches(content))
        {
            if (span.Index > last)
                segments.Add((content[last..span.Index], true));
            segments.Add((span.Value, false));
            last = span.Index + span.Length;
        }
        if (last < content.Length)
            segments.Add((content[last..], true));

        var numbers = segments.Where(s => s.Plain)
            .SelectMany(s => pattern.Matches(s.Text).Select(m => int.Parse(m.Groups[1].Value)))
            .Where(n => n > 0).Distinct().ToList();
        if (numbers.Count == 0)
            return content;
        var ids = await resolve(numbers);
        if (ids.Count == 0)
            return content;

        var result = new StringBuilder(content.Length + 64);
        foreach (var (text, plain) in segments)
        {
            result.Append(!plain ? text : pattern.Replace(text, m =>
                int.TryParse(m.Groups[1].Value, out var n) && ids.TryGetValue(n, out var id)
                    ? $"[{m.Value}](mention://issue/{id})"
                    : m.Value));
        }
        return result.ToString();
    }
}
