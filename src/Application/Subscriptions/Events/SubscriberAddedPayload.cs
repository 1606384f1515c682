using System.Text.Json.Serialization;

namespace Multica.Application.Subscriptions.Events;

/// <summary>subscriber:added: {issue_id, user_type, user_id, reason}.</summary>
public sealed record SubscriberAddedPayload(
    [property: JsonPropertyName("issue_id")] Guid IssueId,
    [property: JsonPropertyName("user_type")] string UserType,
    [property: JsonPropertyName("user_id")] Guid UserId,
    [property: JsonPropertyName("reason")] string Reason);
