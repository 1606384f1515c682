using Multica.Domain.Entities;
using System.Text.Json.Serialization;

namespace Multica.Application.Tasks.Events;

/// <summary>
/// task:completed / task:failed / task:cancelled, and task:dispatch for a queued retry:
/// {task_id, agent_id, issue_id ("" without issue), status, chat_session_id (chat tasks only), failure_reason (failures only)}.
/// </summary>
public sealed record TaskStatusPayload(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("agent_id")] string AgentId,
    [property: JsonPropertyName("issue_id")] string IssueId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("chat_session_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ChatSessionId,
    [property: JsonPropertyName("failure_reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FailureReason)
{
    /// <summary>The payload of <paramref name="task"/> in <paramref name="status"/>.</summary>
    public static TaskStatusPayload Of(AgentTask task, string status, string? failureReason = null) =>
        new(task.Id.ToString(), task.AgentId.ToString(), task.IssueId?.ToString() ?? "", status,
            task.ChatSessionId?.ToString(), failureReason);
}
