using FluentValidation;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Issues;
using Multica.Application.Search.Shared;

namespace Multica.Application.Search.SearchIssues;

public sealed record SearchIssuesResultDto(IReadOnlyList<SearchIssueDto> Issues, int Total);

/// <summary>
/// GET /api/issues/search?q=&amp;limit=&amp;offset=&amp;include_closed=: issues whose identifier number, title,
/// description or comments match, ranked number → exact title → title prefix → title → all words in title →
/// description → all words in description → comments, then by status (active first), then most recently updated.
/// Done and cancelled issues only with include_closed=true. limit defaults to 20, at most 50.
/// </summary>
public sealed record SearchIssuesQuery(string WorkspaceId, string? Q, string? Limit, string? Offset, string? IncludeClosed)
    : IQuery<SearchIssuesResultDto>, IWorkspaceMemberScoped
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class SearchIssuesValidator : AbstractValidator<SearchIssuesQuery>
{
    public SearchIssuesValidator() => RuleFor(x => x.Q).Must(q => !string.IsNullOrEmpty(q)).WithMessage("q parameter is required");
}

public sealed class SearchIssuesHandler(AccessScope scope, IssueLookup lookup, ISearchRepository search)
    : IQueryHandler<SearchIssuesQuery, SearchIssuesResultDto>
{
    public async ValueTask<SearchIssuesResultDto> Handle(SearchIssuesQuery query, CancellationToken ct)
    {
        var limit = int.TryParse(query.Limit, out var l) && l > 0 ? Math.Min(l, SearchIssuesQuery.MaxLimit) : SearchIssuesQuery.DefaultLimit;
        var offset = int.TryParse(query.Offset, out var o) && o >= 0 ? o : 0;
        var terms = IssueSearchTerms.Parse(query.Q!, query.IncludeClosed == "true");
        var (hits, total) = await search.SearchIssuesAsync(scope.RequireWorkspaceId(), terms, limit, offset, ct);
        var prefix = await lookup.PrefixAsync(ct);
        return new SearchIssuesResultDto(hits.Select(h => new SearchIssueDto(IssueDto.From(h.Issue, prefix), h.MatchSource,
            h.MatchSource == "comment" && !string.IsNullOrEmpty(h.MatchedComment) ? Snippet.Extract(h.MatchedComment, query.Q!) : null)).ToList(), total);
    }
}
