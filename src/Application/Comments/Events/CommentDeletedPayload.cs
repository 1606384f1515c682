using System.Text.Json.Serialization;

namespace Multica.Application.Comments.Events;

/// <summary>comment:deleted: {comment_id, issue_id}.</summary>
public sealed record CommentDeletedPayload(
    [property: JsonPropertyName("comment_id")] Guid CommentId,
    [property: JsonPropertyName("issue_id")] Guid IssueId);
