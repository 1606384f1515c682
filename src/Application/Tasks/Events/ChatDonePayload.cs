using System.Text.Json.Serialization;

namespace Multica.Application.Tasks.Events;

/// <summary>chat:done: {chat_session_id, task_id, content}.</summary>
public sealed record ChatDonePayload(
    [property: JsonPropertyName("chat_session_id")] string ChatSessionId,
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("content")] string Content);
