using Mediator;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Members.Shared;

namespace Multica.Application.Members.MyInvitations;

/// <summary>GET /api/invitations: the caller's open invitations (by user id or e-mail), with workspace and inviter names.</summary>
public sealed record ListMyInvitationsQuery : IQuery<IReadOnlyList<InvitationDto>>;

public sealed class ListMyInvitationsHandler(ICallerContext caller, IMemberRepository members, TimeProvider time)
    : IQueryHandler<ListMyInvitationsQuery, IReadOnlyList<InvitationDto>>
{
    public async ValueTask<IReadOnlyList<InvitationDto>> Handle(ListMyInvitationsQuery query, CancellationToken ct)
    {
        var user = await members.FindUserAsync(caller.RequireUserId(), ct);
        if (user is null)
            return [];
        return (await members.ListOpenForUserAsync(user.Id, user.Email.ToLowerInvariant(), time.GetUtcNow().UtcDateTime, ct))
            .Select(r => InvitationDto.From(r.Invitation, r.Inviter.Name, r.Inviter.Email, r.Workspace.Name)).ToList();
    }
}

/// <summary>GET /api/invitations/{id}: one of the caller's invitations, whatever its status.</summary>
public sealed record GetMyInvitationQuery(string InvitationId) : IQuery<InvitationDto>;

public sealed class GetMyInvitationHandler(InvitationAccess access, IMemberRepository members, IWorkspaceRepository workspaces)
    : IQueryHandler<GetMyInvitationQuery, InvitationDto>
{
    public async ValueTask<InvitationDto> Handle(GetMyInvitationQuery query, CancellationToken ct)
    {
        var (invitation, _) = await access.RequireOwnAsync(query.InvitationId, ct);
        var workspace = await workspaces.FindByIdAsync(invitation.WorkspaceId, ct);
        var inviter = await members.FindUserAsync(invitation.InviterId, ct);
        return InvitationDto.From(invitation, inviter?.Name, inviter?.Email, workspace?.Name);
    }
}
