using System.Text.Json.Serialization;

namespace Multica.Application.Inbox.Events;

/// <summary>inbox:archived: {item_id, issue_id, recipient_id}.</summary>
public sealed record InboxArchivedPayload(
    [property: JsonPropertyName("item_id")] Guid ItemId,
    [property: JsonPropertyName("issue_id")] Guid? IssueId,
    [property: JsonPropertyName("recipient_id")] Guid RecipientId);
