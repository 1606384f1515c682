using Multica.Application.Issues.Shared;
using FluentValidation;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Issues;
using Multica.Application.Search.Shared;

namespace Multica.Application.Search.SearchIssues;

public sealed record SearchIssuesResultDto(IReadOnlyList<SearchHitDto<IssueDto>> Issues, int Total);

/// <summary>
/// GET /api/issues/search?q=&amp;limit=&amp;offset=&amp;include_closed=: issues whose identifier number, title,
/// description or comments match, ranked number → exact title → title prefix → title → all words in title →
/// description → all words in description → comments, then by status (active first), then most recently updated.
/// Done and cancelled issues only with include_closed=true. limit defaults to 20, at most 50.
/// </summary>
public sealed record SearchIssuesQuery(string WorkspaceId, string? Q, string? Limit, string? Offset, string? IncludeClosed)
    : IQuery<SearchIssuesResultDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class SearchIssuesValidator : AbstractValidator<SearchIssuesQuery>
{
    public SearchIssuesValidator() => RuleFor(x => x.Q).Must(q => !string.IsNullOrEmpty(q)).WithMessage(SearchPaging.QRequired);
}

public sealed class SearchIssuesHandler(AccessScope scope, IssueLookup lookup, ISearchRepository search)
    : IQueryHandler<SearchIssuesQuery, SearchIssuesResultDto>
{
    public async ValueTask<SearchIssuesResultDto> Handle(SearchIssuesQuery query, CancellationToken ct)
    {
        var (limit, offset) = SearchPaging.Parse(query.Limit, query.Offset);
        var terms = IssueSearchTerms.Parse(query.Q!, query.IncludeClosed == "true");
        var (hits, total) = await search.SearchIssuesAsync(scope.RequireWorkspaceId(), terms, limit, offset, ct);
        var prefix = await lookup.PrefixAsync(ct);
        return new SearchIssuesResultDto(hits.Select(h => new SearchHitDto<IssueDto>(IssueDto.From(h.Issue, prefix), h.MatchSource,
            h.MatchSource == "comment" && !string.IsNullOrEmpty(h.MatchedComment) ? Snippet.Extract(h.MatchedComment, query.Q!) : null)).ToList(), total);
    }
}
