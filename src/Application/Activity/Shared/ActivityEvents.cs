using Multica.Application.Common.Realtime;
using Multica.Application.Activity.Events;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Entities;

namespace Multica.Application.Activity.Shared;

/// <summary>activity:created {issue_id, entry}: a new timeline entry, broadcast to the workspace.</summary>
public static class ActivityEvents
{

    public static RealtimeEvent CreatedEvent(ActivityLog entry, string? actorType = null, Guid? actorId = null) =>
        new(EventTypes.ActivityCreated, new ActivityCreatedPayload(entry.IssueId?.ToString() ?? "", TimelineEntryDto.FromActivity(entry)), entry.WorkspaceId, actorType ?? entry.ActorType, actorId ?? entry.ActorId);
}
