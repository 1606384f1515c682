using System.Text.Json.Serialization;

namespace Multica.Application.Inbox.Events;

/// <summary>inbox:read: {item_id, recipient_id}.</summary>
public sealed record InboxReadPayload(
    [property: JsonPropertyName("item_id")] Guid ItemId,
    [property: JsonPropertyName("recipient_id")] Guid RecipientId);
