using System.Text.Json.Serialization;

namespace Multica.Application.Reactions.Events;

/// <summary>reaction:removed: {comment_id, issue_id, emoji, actor_type, actor_id}.</summary>
public sealed record CommentReactionRemovedPayload(
    [property: JsonPropertyName("comment_id")] Guid CommentId,
    [property: JsonPropertyName("issue_id")] Guid IssueId,
    [property: JsonPropertyName("emoji")] string Emoji,
    [property: JsonPropertyName("actor_type")] string ActorType,
    [property: JsonPropertyName("actor_id")] Guid ActorId);
