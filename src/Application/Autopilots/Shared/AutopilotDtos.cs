using System.Text.Json;
using Multica.Application.Common;
using Multica.Domain.Entities;

namespace Multica.Application.Autopilots.Shared;

/// <summary>Autopilot object (docs/api.md).</summary>
public sealed record AutopilotDto(Guid Id, Guid WorkspaceId, string Title, string? Description, Guid AssigneeId, string Status,
    string ExecutionMode, string? IssueTitleTemplate, string CreatedByType, Guid CreatedById, DateTime? LastRunAt,
    DateTime CreatedAt, DateTime UpdatedAt)
{
    public static AutopilotDto From(Autopilot a) => new(a.Id, a.WorkspaceId, a.Title, a.Description, a.AssigneeId, a.Status,
        a.ExecutionMode, a.IssueTitleTemplate, a.CreatedByType, a.CreatedById, a.LastRunAt, a.CreatedAt, a.UpdatedAt);
}

public sealed record AutopilotRunDto(Guid Id, Guid AutopilotId, Guid? TriggerId, string Source, string Status, Guid? IssueId,
    Guid? TaskId, DateTime TriggeredAt, DateTime? CompletedAt, string? FailureReason, JsonElement? TriggerPayload,
    JsonElement? Result, DateTime CreatedAt)
{
    public static AutopilotRunDto From(AutopilotRun r) => new(r.Id, r.AutopilotId, r.TriggerId, r.Source, r.Status, r.IssueId,
        r.TaskId, r.TriggeredAt, r.CompletedAt, r.FailureReason, JsonText.ParseOrNull(r.TriggerPayload),
        JsonText.ParseOrNull(r.Result), r.CreatedAt);
}

public sealed record AutopilotTriggerDto(Guid Id, Guid AutopilotId, string Kind, bool Enabled, string? CronExpression, string? Timezone,
    DateTime? NextRunAt, string? Label, DateTime? LastFiredAt, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static AutopilotTriggerDto From(AutopilotTrigger t) => new(t.Id, t.AutopilotId, t.Kind, t.Enabled, t.CronExpression,
        t.Timezone, t.NextRunAt, t.Label, t.LastFiredAt, t.CreatedAt, t.UpdatedAt);
}

public sealed record AutopilotListDto(IReadOnlyList<AutopilotDto> Autopilots, int Total);

public sealed record AutopilotDetailDto(AutopilotDto Autopilot, IReadOnlyList<AutopilotTriggerDto> Triggers);

public sealed record AutopilotRunListDto(IReadOnlyList<AutopilotRunDto> Runs, int Total);
