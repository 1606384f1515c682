using Mediator;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;

namespace Multica.Application.Workspaces;

/// <summary>The caller's workspaces, oldest first (a task token sees only its own workspace).</summary>
public sealed record ListWorkspacesQuery : IQuery<IReadOnlyList<WorkspaceDto>>;

public sealed class ListWorkspacesHandler(ICallerContext callerContext, IWorkspaceRepository workspaces)
    : IQueryHandler<ListWorkspacesQuery, IReadOnlyList<WorkspaceDto>>
{
    public async ValueTask<IReadOnlyList<WorkspaceDto>> Handle(ListWorkspacesQuery query, CancellationToken ct)
    {
        var caller = callerContext.Caller;
        var list = await workspaces.ListForUserAsync(callerContext.RequireUserId(), ct);
        return list.Where(w => !caller.IsTaskToken || w.Id == caller.TokenWorkspaceId).Select(WorkspaceDto.From).ToList();
    }
}
