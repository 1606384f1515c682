using Mediator;
using Multica.Application.Common.Security;

namespace Multica.Application.Stubs;

/// <summary>
/// Membership check for the out-of-scope routes the web app calls on start (docs/api.md): they
/// answer fixed empty bodies, but only to members of the selected workspace.
/// </summary>
public sealed record WorkspaceMembershipCheck(string WorkspaceId) : IQuery<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class WorkspaceMembershipCheckHandler : IQueryHandler<WorkspaceMembershipCheck, Unit>
{
    public ValueTask<Unit> Handle(WorkspaceMembershipCheck query, CancellationToken ct) => ValueTask.FromResult(Unit.Value);
}
