using Multica.Application.Issues.Shared;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Issues;

namespace Multica.Application.SubIssues.ListChildIssues;

public sealed record ChildIssuesDto(IReadOnlyList<IssueDto> Issues);

/// <summary>GET /api/issues/{id}/children: the direct sub-issues.</summary>
public sealed record ListChildIssuesQuery(string WorkspaceId, string IssueId) : IQuery<ChildIssuesDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListChildIssuesHandler(IssueLookup lookup, ISubIssueRepository subIssues) : IQueryHandler<ListChildIssuesQuery, ChildIssuesDto>
{
    public async ValueTask<ChildIssuesDto> Handle(ListChildIssuesQuery query, CancellationToken ct)
    {
        var issue = await lookup.RequireAsync(query.IssueId, ct);
        var prefix = await lookup.PrefixAsync(ct);
        return new ChildIssuesDto((await subIssues.ListChildrenAsync(issue.Id, ct)).Select(i => IssueDto.From(i, prefix)).ToList());
    }
}
