using System.Text.Json.Serialization;

namespace Multica.Application.Tasks.Events;

/// <summary>task:waiting_local_directory: the task-status fields plus wait_reason ("" when none); chat_session_id on chat tasks only.</summary>
public sealed record TaskWaitingLocalDirectoryPayload(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("agent_id")] string AgentId,
    [property: JsonPropertyName("issue_id")] string IssueId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("wait_reason")] string WaitReason,
    [property: JsonPropertyName("chat_session_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ChatSessionId);
