using System.Text.Json.Serialization;
using Multica.Application.Common;
using Multica.Application.Tasks;
using Multica.Domain.Entities;

namespace Multica.Application.Comments.Events;

/// <summary>
/// comment:created of a comment an agent's task wrote (result, failure or fallback comment):
/// {comment: <see cref="AgentCommentSummary"/>, issue_title, issue_status}.
/// </summary>
public sealed record AgentCommentCreatedPayload(
    [property: JsonPropertyName("comment")] AgentCommentSummary Comment,
    [property: JsonPropertyName("issue_title")] string IssueTitle,
    [property: JsonPropertyName("issue_status")] string IssueStatus)
{
    public static AgentCommentCreatedPayload Of(Comment comment, Issue issue) =>
        new(AgentCommentSummary.Of(comment), issue.Title, issue.Status);
}

/// <summary>The comment fields an agent comment's comment:created carries.</summary>
public sealed record AgentCommentSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("issue_id")] string IssueId,
    [property: JsonPropertyName("author_type")] string AuthorType,
    [property: JsonPropertyName("author_id")] string AuthorId,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("parent_id")] string? ParentId,
    [property: JsonPropertyName("created_at")] string CreatedAt)
{
    public static AgentCommentSummary Of(Comment c) =>
        new(c.Id.ToString(), c.IssueId.ToString(), c.AuthorType, c.AuthorId.ToString(), c.Content, c.Type,
            c.ParentId?.ToString(), WireTime.Format(c.CreatedAt));
}
