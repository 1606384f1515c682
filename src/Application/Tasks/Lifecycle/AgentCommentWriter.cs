using System.Text;
using System.Text.RegularExpressions;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Tasks.Lifecycle;

/// <summary>
/// Comments the server writes on an agent's behalf when a task ends (the fallback reply and the
/// system failure note, docs/lifecycle.md). They never trigger tasks themselves.
/// </summary>
public sealed class AgentCommentWriter(ITaskContextRepository context, TaskEvents events, TimeProvider time)
{
    // Code spans, fenced blocks and existing markdown links are left untouched by identifier expansion.
    private static readonly Regex Protected = new(@"```[\s\S]*?```|`[^`\n]*`|\[[^\]\n]*\]\([^)\n]*\)",
        RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Posts the comment (content already redacted) and publishes comment:created; null when skipped.</summary>
    public async Task<Comment?> PostAsync(Issue issue, Guid agentId, string content, string type, Guid? triggerCommentId, CancellationToken ct)
    {
        var comment = await NewAsync(issue.Id, issue.WorkspaceId, agentId, content, type, triggerCommentId, ct);
        if (comment is null)
            return null;
        await context.InsertCommentAsync(comment, ct);
        events.CommentCreated(comment, issue);
        return comment;
    }

    /// <summary>
    /// The agent's comment (content already redacted) as it is stored: issue identifiers expanded, a reply under its
    /// thread's root; null when there is nothing to say. The caller inserts it and publishes comment:created.
    /// </summary>
    public async Task<Comment?> NewAsync(Guid issueId, Guid workspaceId, Guid agentId, string content, string type, Guid? triggerCommentId,
        CancellationToken ct)
    {
        if (string.IsNullOrEmpty(content))
            return null;
        var now = time.GetUtcNow().UtcDateTime;
        return new Comment
        {
            Id = Guid.NewGuid(),
            IssueId = issueId,
            WorkspaceId = workspaceId,
            AuthorType = ActorType.Agent,
            AuthorId = agentId,
            Content = await ExpandIssueIdentifiersAsync(workspaceId, content, ct),
            Type = type,
            ParentId = await ThreadRootAsync(triggerCommentId, ct),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Replies land under the thread root: the trigger comment, or its parent when it is itself a reply.</summary>
    private async Task<Guid?> ThreadRootAsync(Guid? triggerCommentId, CancellationToken ct)
    {
        if (triggerCommentId is not { } id)
            return null;
        var trigger = await context.FindCommentAsync(id, ct);
        if (trigger is null)
            return null;
        return trigger.ParentId ?? trigger.Id;
    }

    /// <summary>Bare "PREFIX-N" identifiers of existing issues become mention links.</summary>
    public async Task<string> ExpandIssueIdentifiersAsync(Guid workspaceId, string content, CancellationToken ct)
    {
        // Every identifier has a '-' followed by a digit: without one the workspace's prefix is not needed.
        if (!HasDashDigit(content))
            return content;
        var workspace = await context.FindWorkspaceAsync(workspaceId, ct);
        var prefix = workspace?.IssuePrefix;
        if (string.IsNullOrEmpty(prefix) || !content.Contains(prefix + "-", StringComparison.Ordinal))
            return content;

        var identifier = new Regex(@"(?<![A-Za-z0-9_])" + Regex.Escape(prefix) + @"-([0-9]+)(?![A-Za-z0-9_])",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var segments = Split(content);
        var numbers = segments.Where(s => !s.Protected)
            .SelectMany(s => identifier.Matches(s.Text).Select(m => int.TryParse(m.Groups[1].Value, out var n) ? n : 0))
            .Where(n => n > 0).Distinct().ToList();
        if (numbers.Count == 0)
            return content;
        var ids = await context.FindIssueIdsByNumberAsync(workspaceId, numbers, ct);
        if (ids.Count == 0)
            return content;

        var result = new StringBuilder(content.Length + 64);
        foreach (var segment in segments)
        {
            if (segment.Protected)
            {
                result.Append(segment.Text);
                continue;
            }
            result.Append(identifier.Replace(segment.Text, m =>
                int.TryParse(m.Groups[1].Value, out var n) && ids.TryGetValue(n, out var issueId)
                    ? $"[{m.Value}](mention://issue/{issueId})"
                    : m.Value));
        }
        return result.ToString();
    }

    private static bool HasDashDigit(string content)
    {
        for (var i = content.IndexOf('-'); i >= 0 && i < content.Length - 1; i = content.IndexOf('-', i + 1))
            if (char.IsAsciiDigit(content[i + 1]))
                return true;
        return false;
    }

    private static List<(string Text, bool Protected)> Split(string content)
    {
        var segments = new List<(string, bool)>();
        var last = 0;
        foreach (Match m in Protected.Matches(content))
        {
            if (m.Index > last)
                segments.Add((content[last..m.Index], false));
            segments.Add((m.Value, true));
            last = m.Index + m.Length;
        }
        if (last < content.Length)
            segments.Add((content[last..], false));
        return segments;
    }
}
