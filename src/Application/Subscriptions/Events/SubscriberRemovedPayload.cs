using System.Text.Json.Serialization;

namespace Multica.Application.Subscriptions.Events;

/// <summary>subscriber:removed: {issue_id, user_type, user_id}.</summary>
public sealed record SubscriberRemovedPayload(
    [property: JsonPropertyName("issue_id")] Guid IssueId,
    [property: JsonPropertyName("user_type")] string UserType,
    [property: JsonPropertyName("user_id")] Guid UserId);
