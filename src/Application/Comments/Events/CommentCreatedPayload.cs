using System.Text.Json.Serialization;
using Multica.Application.Comments.Shared;

namespace Multica.Application.Comments.Events;

/// <summary>
/// comment:created of a comment posted through the API:
/// {comment, issue_title, issue_assignee_type, issue_assignee_id, issue_status}.
/// </summary>
public sealed record CommentCreatedPayload(
    [property: JsonPropertyName("comment")] CommentDto Comment,
    [property: JsonPropertyName("issue_title")] string IssueTitle,
    [property: JsonPropertyName("issue_assignee_type")] string? IssueAssigneeType,
    [property: JsonPropertyName("issue_assignee_id")] Guid? IssueAssigneeId,
    [property: JsonPropertyName("issue_status")] string IssueStatus);
