using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Members.Shared;
using Multica.Domain.Constants;

namespace Multica.Application.Members.DeleteWorkspace;

/// <summary>DELETE /api/workspaces/{id} (owner only): the workspace and everything in it.</summary>
public sealed record DeleteWorkspaceCommand(string WorkspaceId) : ICommand<Unit>, IWorkspaceMemberScoped, IHumanOnly
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
    public IReadOnlyCollection<string>? RequiredRoles => [MemberRole.Owner];
}

public sealed class DeleteWorkspaceHandler(AccessScope scope, ICallerContext caller, IMemberRepository members, MemberEvents events)
    : ICommandHandler<DeleteWorkspaceCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeleteWorkspaceCommand c, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        await members.DeleteWorkspaceAsync(workspaceId, ct);
        events.WorkspaceDeleted(workspaceId, caller.RequireUserId());
        return Unit.Value;
    }
}
