using Multica.Application.Search.Shared;
using Multica.Domain.Entities;

namespace Multica.Application.Search;

public interface ISearchRepository
{
    /// <summary>One page of matching issues of the workspace, best first, and the total number of matches.</summary>
    Task<(IReadOnlyList<IssueSearchHit> Hits, int Total)> SearchIssuesAsync(Guid workspaceId, IssueSearchTerms terms, int limit, int offset,
        CancellationToken ct);
}

/// <summary>A matching issue, where it matched (title, description or comment) and, for comments, the newest matching comment.</summary>
public sealed record IssueSearchHit(Issue Issue, string MatchSource, string? MatchedComment);
