using System.Text.Json;
using System.Text.Json.Serialization;
using Multica.Application.Common;
using Multica.Domain.Entities;

namespace Multica.Application.Tasks.Views;

/// <summary>The task object of daemon-api.md §3.2 as user routes return it (no claim-only keys).</summary>
public sealed record TaskDto
{
    public Guid Id { get; init; }
    public Guid AgentId { get; init; }
    public Guid RuntimeId { get; init; }
    /// <summary>"" when the task has no issue (chat, autopilot run-only).</summary>
    public string IssueId { get; init; } = "";
    /// <summary>Always "" outside the claim response.</summary>
    public string WorkspaceId { get; init; } = "";
    public string Status { get; init; } = "";
    public int Priority { get; init; }
    public DateTime? DispatchedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
    public JsonElement? Result { get; init; }
    public string? Error { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FailureReason { get; init; }
    public int Attempt { get; init; }
    public int MaxAttempts { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ParentTaskId { get; init; }
    public DateTime CreatedAt { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? TriggerCommentId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ChatSessionId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? AutopilotRunId { get; init; }

    public static TaskDto From(AgentTask t) => new()
    {
        Id = t.Id,
        AgentId = t.AgentId,
        RuntimeId = t.RuntimeId,
        IssueId = t.IssueId?.ToString() ?? "",
        Status = t.Status,
        Priority = t.Priority,
        DispatchedAt = t.DispatchedAt,
        StartedAt = t.StartedAt,
        CompletedAt = t.CompletedAt,
        Result = JsonText.ParseOrNull(t.Result),
        Error = t.Error,
        FailureReason = string.IsNullOrEmpty(t.FailureReason) ? null : t.FailureReason,
        Attempt = t.Attempt,
        MaxAttempts = t.MaxAttempts,
        ParentTaskId = t.ParentTaskId,
        CreatedAt = t.CreatedAt,
        TriggerCommentId = t.TriggerCommentId,
        ChatSessionId = t.ChatSessionId,
        AutopilotRunId = t.AutopilotRunId,
    };
}
