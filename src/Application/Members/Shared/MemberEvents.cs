using Multica.Application.Workspaces.ListMembers;
using Multica.Application.Common.Interfaces;
using Multica.Application.Members.Shared;
using Multica.Application.Workspaces;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Members.Shared;

/// <summary>member:*, invitation:* and workspace:deleted. Invitation events the invitee must see go to that user only.</summary>
public sealed class MemberEvents(IEventPublisher publisher)
{
    public void MemberAdded(MemberDto member, string workspaceName, Guid actorId)
    {
        var payload = new Dictionary<string, object?> { ["member"] = member, ["workspace_name"] = workspaceName };
        publisher.Publish(new RealtimeEvent("member:added", payload, member.WorkspaceId, ActorType.Member, actorId));
        // The new member is not in the workspace room yet: tell them directly so the workspace appears.
        publisher.Publish(new RealtimeEvent("member:added", payload, member.WorkspaceId, ActorType.Member, actorId, UserId: member.UserId));
    }

    public void MemberUpdated(MemberDto member, Guid actorId) => publisher.Publish(new RealtimeEvent("member:updated",
        new Dictionary<string, object?> { ["member"] = member }, member.WorkspaceId, ActorType.Member, actorId));

    public void MemberRemoved(Member member, Guid actorId) => publisher.Publish(new RealtimeEvent("member:removed",
        new Dictionary<string, object?>
        {
            ["member_id"] = member.Id,
            ["workspace_id"] = member.WorkspaceId,
            ["user_id"] = member.UserId,
        }, member.WorkspaceId, ActorType.Member, actorId));

    public void WorkspaceDeleted(Guid workspaceId, Guid actorId) => publisher.Publish(new RealtimeEvent("workspace:deleted",
        new Dictionary<string, object?> { ["workspace_id"] = workspaceId }, workspaceId, ActorType.Member, actorId));

    public void InvitationCreated(InvitationDto invitation, string workspaceName, Guid actorId)
    {
        if (invitation.InviteeUserId is not { } invitee)
            return;
        publisher.Publish(new RealtimeEvent("invitation:created",
            new Dictionary<string, object?> { ["invitation"] = invitation, ["workspace_name"] = workspaceName },
            invitation.WorkspaceId, ActorType.Member, actorId, UserId: invitee));
    }

    public void InvitationRevoked(InvitationDto invitation, Guid actorId)
    {
        if (invitation.InviteeUserId is not { } invitee)
            return;
        publisher.Publish(new RealtimeEvent("invitation:revoked", new Dictionary<string, object?>
        {
            ["invitation_id"] = invitation.Id,
            ["invitee_email"] = invitation.InviteeEmail,
            ["invitee_user_id"] = invitation.InviteeUserId,
        }, invitation.WorkspaceId, ActorType.Member, actorId, UserId: invitee));
    }

    public void InvitationAccepted(Guid invitationId, MemberDto member) => publisher.Publish(new RealtimeEvent("invitation:accepted",
        new Dictionary<string, object?> { ["invitation_id"] = invitationId, ["member"] = member },
        member.WorkspaceId, ActorType.Member, member.UserId));

    public void InvitationDeclined(InvitationDto invitation, Guid actorId) => publisher.Publish(new RealtimeEvent("invitation:declined",
        new Dictionary<string, object?> { ["invitation_id"] = invitation.Id, ["invitee_email"] = invitation.InviteeEmail },
        invitation.WorkspaceId, ActorType.Member, actorId));
}
