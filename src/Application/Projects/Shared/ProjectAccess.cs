using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Domain.Entities;

namespace Multica.Application.Projects.Shared;

/// <summary>A project route's {id} inside the request workspace, else 404 "project not found".</summary>
public sealed class ProjectAccess(AccessScope scope, IProjectRepository projects)
{
    public async Task<Project> RequireAsync(string projectId, CancellationToken ct) =>
        (Ids.Parse(projectId) is { } id ? await projects.FindAsync(scope.RequireWorkspaceId(), id, ct) : null)
        ?? throw new NotFoundException(ProjectRules.NotFound);

    public async Task<ProjectDto> ToDtoAsync(Project project, CancellationToken ct) =>
        ProjectDto.From(project, (await projects.IssueStatsAsync([project.Id], ct)).GetValueOrDefault(project.Id));
}
