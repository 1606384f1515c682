using Multica.Application.Comments.Shared;
using Multica.Application.Issues.Shared;
using Multica.Application.Comments;
using Multica.Application.Comments.Events;
using Multica.Application.Common.Interfaces;
using Multica.Application.Issues;

namespace Multica.Application.Notifications;

/// <summary>Reads the fields the team reactions need out of issue:* payloads and the comment of comment:created.</summary>
public static class IssueEventFacts
{
    public sealed record CommentFacts(Guid Id, Guid IssueId, string AuthorType, Guid AuthorId, string Content);

    public static IReadOnlyDictionary<string, object?>? Payload(RealtimeEvent e) => e.Payload as IReadOnlyDictionary<string, object?>;

    public static IssueDto? Issue(RealtimeEvent e) => Payload(e)?.GetValueOrDefault("issue") as IssueDto;

    public static bool Flag(RealtimeEvent e, string name) => Payload(e)?.GetValueOrDefault(name) is true;

    public static T? Value<T>(RealtimeEvent e, string name) => Payload(e)?.GetValueOrDefault(name) is T value ? value : default;

    /// <summary>The comment of comment:created, posted through the API or written by an agent's task.</summary>
    public static CommentFacts? Comment(RealtimeEvent e) => e.Payload switch
    {
        CommentCreatedPayload { Comment: var c } => new CommentFacts(c.Id, c.IssueId, c.AuthorType, c.AuthorId, c.Content),
        AgentCommentCreatedPayload { Comment: var c }
            when Guid.TryParse(c.Id, out var id) && Guid.TryParse(c.IssueId, out var issueId)
                 && Guid.TryParse(c.AuthorId, out var authorId) =>
            new CommentFacts(id, issueId, c.AuthorType, authorId, c.Content),
        _ => null,
    };
}
