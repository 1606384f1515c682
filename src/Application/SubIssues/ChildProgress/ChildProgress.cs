using Mediator;
using Multica.Application.Common.Security;

namespace Multica.Application.SubIssues.ChildProgress;

public sealed record ChildProgressEntryDto(Guid ParentIssueId, long Total, long Done);

public sealed record ChildProgressDto(IReadOnlyList<ChildProgressEntryDto> Progress);

/// <summary>GET /api/issues/child-progress: for every parent issue of the workspace, its children and how many are done or cancelled.</summary>
public sealed record ChildProgressQuery(string WorkspaceId) : IQuery<ChildProgressDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ChildProgressHandler(AccessScope scope, ISubIssueRepository subIssues) : IQueryHandler<ChildProgressQuery, ChildProgressDto>
{
    public async ValueTask<ChildProgressDto> Handle(ChildProgressQuery query, CancellationToken ct) =>
        new((await subIssues.ProgressAsync(scope.RequireWorkspaceId(), ct)).Select(r => new ChildProgressEntryDto(r.ParentIssueId, r.Total, r.Done)).ToList());
}
