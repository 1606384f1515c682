using System.Text.Json.Serialization;

namespace Multica.Application.Chat.Events;

/// <summary>chat:session_read: {chat_session_id}.</summary>
public sealed record ChatSessionReadPayload(
    [property: JsonPropertyName("chat_session_id")] Guid ChatSessionId);
