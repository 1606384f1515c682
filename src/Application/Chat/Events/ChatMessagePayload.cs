using System.Text.Json.Serialization;

namespace Multica.Application.Chat.Events;

/// <summary>chat:message of a member's message: {chat_session_id, message_id, role, content, task_id, created_at}.</summary>
public sealed record ChatMessagePayload(
    [property: JsonPropertyName("chat_session_id")] Guid ChatSessionId,
    [property: JsonPropertyName("message_id")] Guid MessageId,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("task_id")] Guid TaskId,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt);
