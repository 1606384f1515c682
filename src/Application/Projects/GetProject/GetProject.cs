using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Projects.Shared;

namespace Multica.Application.Projects.GetProject;

/// <summary>GET /api/projects/{id}.</summary>
public sealed record GetProjectQuery(string WorkspaceId, string ProjectId) : IQuery<ProjectDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetProjectHandler(ProjectAccess access) : IQueryHandler<GetProjectQuery, ProjectDto>
{
    public async ValueTask<ProjectDto> Handle(GetProjectQuery query, CancellationToken ct) =>
        await access.ToDtoAsync(await access.RequireAsync(query.ProjectId, ct), ct);
}
