using FluentValidation;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Projects.Shared;
using Multica.Application.Search.Shared;

namespace Multica.Application.Projects.SearchProjects;

public sealed record SearchProjectsResultDto(IReadOnlyList<SearchHitDto<ProjectDto>> Projects, int Total);

/// <summary>
/// GET /api/projects/search?q=&amp;limit=&amp;offset=&amp;include_closed=: projects whose title or description match,
/// ranked exact title → title prefix → title → all words in title → description, then most recently updated.
/// Completed and cancelled projects only with include_closed=true.
/// </summary>
public sealed record SearchProjectsQuery(string WorkspaceId, string? Q, string? Limit, string? Offset, string? IncludeClosed)
    : IQuery<SearchProjectsResultDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class SearchProjectsValidator : AbstractValidator<SearchProjectsQuery>
{
    public SearchProjectsValidator() => RuleFor(x => x.Q).Must(q => !string.IsNullOrEmpty(q)).WithMessage(SearchPaging.QRequired);
}

public sealed class SearchProjectsHandler(AccessScope scope, IProjectRepository projects) : IQueryHandler<SearchProjectsQuery, SearchProjectsResultDto>
{
    public async ValueTask<SearchProjectsResultDto> Handle(SearchProjectsQuery query, CancellationToken ct)
    {
        var (limit, offset) = SearchPaging.Parse(query.Limit, query.Offset);
        var (hits, total) = await projects.SearchAsync(scope.RequireWorkspaceId(), IssueSearchTerms.Parse(query.Q!, query.IncludeClosed == "true"),
            limit, offset, ct);
        var stats = await projects.IssueStatsAsync(hits.Select(h => h.Project.Id).ToList(), ct);
        return new SearchProjectsResultDto(hits.Select(h =>
            new SearchHitDto<ProjectDto>(ProjectDto.From(h.Project, stats.GetValueOrDefault(h.Project.Id)), h.MatchSource)).ToList(), total);
    }
}
