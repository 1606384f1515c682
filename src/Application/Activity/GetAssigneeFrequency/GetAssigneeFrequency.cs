using Mediator;
using Multica.Application.Common.Security;

namespace Multica.Application.Activity.GetAssigneeFrequency;

public sealed record AssigneeFrequencyDto(string AssigneeType, Guid AssigneeId, long Frequency);

/// <summary>GET /api/assignee-frequency: whom the caller assigns most (assignee changes made plus issues created with an assignee), most first.</summary>
public sealed record GetAssigneeFrequencyQuery(string WorkspaceId) : IQuery<IReadOnlyList<AssigneeFrequencyDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetAssigneeFrequencyHandler(AccessScope scope, ICallerContext caller, IActivityRepository activity)
    : IQueryHandler<GetAssigneeFrequencyQuery, IReadOnlyList<AssigneeFrequencyDto>>
{
    public async ValueTask<IReadOnlyList<AssigneeFrequencyDto>> Handle(GetAssigneeFrequencyQuery query, CancellationToken ct) =>
        (await activity.AssigneeFrequencyAsync(scope.RequireWorkspaceId(), caller.RequireUserId(), ct))
        .Select(r => new AssigneeFrequencyDto(r.AssigneeType, r.AssigneeId, r.Frequency)).ToList();
}
