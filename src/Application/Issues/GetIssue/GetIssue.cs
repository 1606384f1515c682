using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Issues.Shared;

namespace Multica.Application.Issues.GetIssue;

/// <summary>GET /api/issues/{id} (UUID or identifier).</summary>
public sealed record GetIssueQuery(string WorkspaceId, string IssueId) : IQuery<IssueDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetIssueHandler(IssueLookup lookup) : IQueryHandler<GetIssueQuery, IssueDto>
{
    public async ValueTask<IssueDto> Handle(GetIssueQuery query, CancellationToken ct) =>
        await lookup.ToDtoAsync(await lookup.RequireAsync(query.IssueId, ct), ct);
}
