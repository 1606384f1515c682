using Multica.Application.Comments.Shared;
using Multica.Application.Issues.Shared;
using Multica.Application.Comments;
using Multica.Application.Common.Interfaces;
using Multica.Application.Issues;

namespace Multica.Application.Notifications;

/// <summary>Reads the fields the team reactions need out of issue:* and comment:created payloads.</summary>
public static class IssueEventFacts
{
    public sealed record CommentFacts(Guid Id, Guid IssueId, string AuthorType, Guid AuthorId, string Content);

    public static IReadOnlyDictionary<string, object?>? Payload(RealtimeEvent e) => e.Payload as IReadOnlyDictionary<string, object?>;

    public static IssueDto? Issue(RealtimeEvent e) => Payload(e)?.GetValueOrDefault("issue") as IssueDto;

    public static bool Flag(RealtimeEvent e, string name) => Payload(e)?.GetValueOrDefault(name) is true;

    public static T? Value<T>(RealtimeEvent e, string name) => Payload(e)?.GetValueOrDefault(name) is T value ? value : default;

    /// <summary>The comment of comment:created, whether published as a DTO or as a plain map (agent comments).</summary>
    public static CommentFacts? Comment(RealtimeEvent e)
    {
        switch (Payload(e)?.GetValueOrDefault("comment"))
        {
            case CommentDto c:
                return new CommentFacts(c.Id, c.IssueId, c.AuthorType, c.AuthorId, c.Content);
            case IReadOnlyDictionary<string, object?> map
                when Guid.TryParse(map.GetValueOrDefault("id")?.ToString(), out var id)
                     && Guid.TryParse(map.GetValueOrDefault("issue_id")?.ToString(), out var issueId)
                     && Guid.TryParse(map.GetValueOrDefault("author_id")?.ToString(), out var authorId):
                return new CommentFacts(id, issueId, map.GetValueOrDefault("author_type")?.ToString() ?? "", authorId,
                    map.GetValueOrDefault("content")?.ToString() ?? "");
            default:
                return null;
        }
    }
}
