using System.Text.Json.Serialization;

namespace Multica.Application.Inbox.Events;

/// <summary>inbox:batch-read and inbox:batch-archived: {recipient_id, count}.</summary>
public sealed record InboxBatchPayload(
    [property: JsonPropertyName("recipient_id")] Guid RecipientId,
    [property: JsonPropertyName("count")] int Count);
