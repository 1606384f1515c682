using System.Text.Json.Serialization;
using Multica.Application.Reactions.Shared;

namespace Multica.Application.Reactions.Events;

/// <summary>
/// reaction:added: {reaction, issue_id, issue_title, issue_status, comment_id, comment_author_type, comment_author_id}.
/// </summary>
public sealed record CommentReactionAddedPayload(
    [property: JsonPropertyName("reaction")] ReactionDto Reaction,
    [property: JsonPropertyName("issue_id")] Guid IssueId,
    [property: JsonPropertyName("issue_title")] string IssueTitle,
    [property: JsonPropertyName("issue_status")] string IssueStatus,
    [property: JsonPropertyName("comment_id")] Guid CommentId,
    [property: JsonPropertyName("comment_author_type")] string CommentAuthorType,
    [property: JsonPropertyName("comment_author_id")] Guid CommentAuthorId);
