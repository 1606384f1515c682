using System.Globalization;
using System.Text.Json;
using Multica.Application.Common;
using Multica.Domain.Entities;

namespace Multica.Application.Tasks;

/// <summary>The single place a task row becomes its wire object (claim enrichment builds on top of it).</summary>
public static class TaskMapper
{
    /// <param name="workspaceId">The task's workspace (through its issue, chat session or autopilot run): every caller
    /// reached the task inside one, so it passes that; null only where the caller fills it itself (claim enrichment).</param>
    public static TaskDto ToDto(AgentTask t, Guid? workspaceId) => new()
    {
        Id = t.Id.ToString(),
        WorkspaceId = workspaceId?.ToString() ?? "",
        AgentId = t.AgentId.ToString(),
        RuntimeId = t.RuntimeId.ToString(),
        IssueId = t.IssueId?.ToString() ?? "",
        Status = t.Status,
        Priority = t.Priority,
        DispatchedAt = t.DispatchedAt,
        StartedAt = t.StartedAt,
        CompletedAt = t.CompletedAt,
        Result = JsonText.ParseOrNull(t.Result) is { ValueKind: not JsonValueKind.Null } r ? r : null,
        Error = t.Error,
        FailureReason = NullIfEmpty(t.FailureReason),
        Attempt = t.Attempt,
        MaxAttempts = t.MaxAttempts,
        ParentTaskId = t.ParentTaskId?.ToString(),
        CreatedAt = t.CreatedAt,
        TriggerCommentId = t.TriggerCommentId?.ToString(),
        ChatSessionId = t.ChatSessionId?.ToString(),
        AutopilotRunId = t.AutopilotRunId?.ToString(),
    };

    public static IReadOnlyList<TaskDto> ToDtos(IEnumerable<AgentTask> tasks, Guid workspaceId) => tasks.Select(t => ToDto(t, workspaceId)).ToList();

    public static TaskMessageDto ToDto(TaskMessage m, Guid? issueId) => new()
    {
        TaskId = m.TaskId.ToString(),
        IssueId = issueId?.ToString(),
        Seq = m.Seq,
        Type = m.Type,
        Tool = NullIfEmpty(m.Tool),
        Content = NullIfEmpty(m.Content),
        Input = NonEmptyObject(m.Input),
        Output = NullIfEmpty(m.Output),
    };

    /// <summary>A stored input map is omitted when absent or empty ({}).</summary>
    public static JsonElement? NonEmptyObject(string? json)
    {
        var parsed = JsonText.ParseOrNull(json);
        if (parsed is not { } e || e.ValueKind == JsonValueKind.Null)
            return null;
        if (e.ValueKind == JsonValueKind.Object && !e.EnumerateObject().Any())
            return null;
        return e;
    }

    public static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>Timestamps inside event payloads: RFC 3339 UTC at second precision, like the HTTP bodies.</summary>
public static class WireTime
{
    public static string Format(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    public static string? Format(DateTime? value) => value is { } v ? Format(v) : null;
}
