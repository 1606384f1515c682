using Mediator;
using Multica.Application.Attachments.Shared;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Members.Shared;
using Multica.Domain.Constants;

namespace Multica.Application.Members.DeleteWorkspace;

/// <summary>DELETE /api/workspaces/{id} (owner only): the workspace and everything in it, its stored files included.</summary>
public sealed record DeleteWorkspaceCommand(string WorkspaceId) : ICommand<Unit>, IWorkspaceMemberScoped, IHumanOnly
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
    public IReadOnlyCollection<string>? RequiredRoles => [MemberRole.Owner];
}

public sealed class DeleteWorkspaceHandler(
    AccessScope scope,
    ICallerContext caller,
    IMemberRepository members,
    IWorkspaceRepository workspaces,
    AttachmentLifecycle attachments,
    ITransactionRunner transactions,
    MemberEvents events) : ICommandHandler<DeleteWorkspaceCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeleteWorkspaceCommand c, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        await transactions.RunAsync(async token =>
        {
            if (await workspaces.LockForDeleteAsync(workspaceId, token))
            {
                await attachments.RemoveFilesWithWorkspaceAsync(workspaceId, token);
                await members.DeleteWorkspaceAsync(workspaceId, token);
            }
            return true;
        }, ct);
        events.WorkspaceDeleted(workspaceId, caller.RequireUserId());
        return Unit.Value;
    }
}
