using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Projects.Shared;

namespace Multica.Application.Projects.ListProjects;

/// <summary>GET /api/projects?status=&amp;priority=: newest first, each with its issue counts.</summary>
public sealed record ListProjectsQuery(string WorkspaceId, string? Status, string? Priority) : IQuery<ProjectListDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListProjectsHandler(AccessScope scope, IProjectRepository projects) : IQueryHandler<ListProjectsQuery, ProjectListDto>
{
    public async ValueTask<ProjectListDto> Handle(ListProjectsQuery query, CancellationToken ct)
    {
        var list = await projects.ListAsync(scope.RequireWorkspaceId(), NullIfEmpty(query.Status), NullIfEmpty(query.Priority), ct);
        var stats = await projects.IssueStatsAsync(list.Select(p => p.Id).ToList(), ct);
        return new ProjectListDto(list.Select(p => ProjectDto.From(p, stats.GetValueOrDefault(p.Id))).ToList(), list.Count);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
