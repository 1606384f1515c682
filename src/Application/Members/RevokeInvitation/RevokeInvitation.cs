using Multica.Domain.Entities;
using Mediator;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Members.Shared;
using Multica.Domain.Constants;

namespace Multica.Application.Members.RevokeInvitation;

/// <summary>DELETE /api/workspaces/{id}/invitations/{invitationId} (owner/admin): withdraw a pending invitation.</summary>
public sealed record RevokeInvitationCommand(string WorkspaceId, string InvitationId) : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
    public IReadOnlyCollection<string>? RequiredRoles => MemberRole.Managers;
}

public sealed class RevokeInvitationHandler(AccessScope scope, ICallerContext caller, IMemberRepository members, MemberEvents events)
    : ICommandHandler<RevokeInvitationCommand, Unit>
{
    public async ValueTask<Unit> Handle(RevokeInvitationCommand c, CancellationToken ct)
    {
        var invitation = Ids.Parse(c.InvitationId) is { } id ? await members.FindInvitationAsync(id, ct) : null;
        if (invitation is null || invitation.WorkspaceId != scope.RequireWorkspaceId() || invitation.Status != InvitationStatus.Pending)
            throw new NotFoundException(InvitationAccess.NotFound);
        await members.RevokeInvitationAsync(invitation.Id, ct);
        events.InvitationRevoked(InvitationDto.From(invitation), caller.RequireUserId());
        return Unit.Value;
    }
}
