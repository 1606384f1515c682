using Multica.Application.Comments.Shared;
using Multica.Application.Issues.Shared;
using Multica.Application.Comments;
using Multica.Application.Comments.Events;
using Multica.Application.Common.Interfaces;
using Multica.Application.Issues;
using Multica.Application.Issues.Events;

namespace Multica.Application.Notifications;

/// <summary>Reads the issue out of issue:created / issue:updated payloads and the comment of comment:created.</summary>
public static class IssueEventFacts
{
    public sealed record CommentFacts(Guid Id, Guid IssueId, string AuthorType, Guid AuthorId, string Content);

    /// <summary>The issue of issue:created or issue:updated.</summary>
    public static IssueDto? Issue(RealtimeEvent e) => e.Payload switch
    {
        IssuePayload p => p.Issue,
        IssueUpdatedPayload u => u.Issue,
        _ => null,
    };

    /// <summary>The issue an issue or comment event is about (what orders its reactions), or null.</summary>
    public static Guid? IssueIdOf(RealtimeEvent e) => Issue(e)?.Id ?? Comment(e)?.IssueId;

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
