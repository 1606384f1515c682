using System.Text.Json.Serialization;

namespace Multica.Application.Reactions.Events;

/// <summary>issue_reaction:removed: {issue_id, emoji, actor_type, actor_id}.</summary>
public sealed record IssueReactionRemovedPayload(
    [property: JsonPropertyName("issue_id")] Guid IssueId,
    [property: JsonPropertyName("emoji")] string Emoji,
    [property: JsonPropertyName("actor_type")] string ActorType,
    [property: JsonPropertyName("actor_id")] Guid ActorId);
