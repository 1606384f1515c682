using System.Text.Json;
using System.Text.Json.Serialization;
using Multica.Application.Common;
using Multica.Domain.Entities;

namespace Multica.Application.NewestDaemon;

/// <summary>The non-enriched task object (daemon-api.md §3.2): workspace_id is "" outside the claim.</summary>
public sealed record DaemonTaskDto(
    Guid Id,
    Guid AgentId,
    Guid RuntimeId,
    string IssueId,
    string WorkspaceId,
    string Status,
    int Priority,
    DateTime? DispatchedAt,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    JsonElement? Result,
    string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FailureReason,
    int Attempt,
    int MaxAttempts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ParentTaskId,
    DateTime CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? TriggerCommentId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ChatSessionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? AutopilotRunId)
{
    public static DaemonTaskDto From(AgentTask t) => new(
        t.Id, t.AgentId, t.RuntimeId, t.IssueId?.ToString() ?? "", "", t.Status, t.Priority, t.DispatchedAt, t.StartedAt,
        t.CompletedAt, JsonText.ParseOrNull(t.Result), t.Error, string.IsNullOrEmpty(t.FailureReason) ? null : t.FailureReason,
        t.Attempt, t.MaxAttempts, t.ParentTaskId, t.CreatedAt, t.TriggerCommentId, t.ChatSessionId, t.AutopilotRunId);
}
