using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;

namespace Multica.Application.Workspaces;

public sealed record GetWorkspaceQuery(string WorkspaceId) : IQuery<WorkspaceDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetWorkspaceHandler(AccessScope scope, IWorkspaceRepository workspaces) : IQueryHandler<GetWorkspaceQuery, WorkspaceDto>
{
    public async ValueTask<WorkspaceDto> Handle(GetWorkspaceQuery query, CancellationToken ct)
    {
        var workspace = await workspaces.FindByIdAsync(scope.RequireWorkspaceId(), ct)
            ?? throw new NotFoundException("workspace not found");
        return WorkspaceDto.From(workspace);
    }
}
