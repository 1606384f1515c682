using Multica.Application.Common.Realtime;
using Multica.Application.Members.Events;
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
        var payload = new MemberAddedPayload(member, workspaceName);
        publisher.Publish(new RealtimeEvent(EventTypes.MemberAdded, payload, member.WorkspaceId, ActorType.Member, actorId));
        // The new member is not in the workspace room yet: tell them directly so the workspace appears.
        publisher.Publish(new RealtimeEvent(EventTypes.MemberAdded, payload, member.WorkspaceId, ActorType.Member, actorId, UserId: member.UserId));
    }

    public void MemberUpdated(MemberDto member, Guid actorId) => publisher.Publish(new RealtimeEvent(EventTypes.MemberUpdated,
        new MemberUpdatedPayload(member), member.WorkspaceId, ActorType.Member, actorId));

    public void MemberRemoved(Member member, Guid actorId) => publisher.Publish(new RealtimeEvent(EventTypes.MemberRemoved,
        new MemberRemovedPayload(member.Id, member.WorkspaceId, member.UserId),
        member.WorkspaceId, ActorType.Member, actorId));

    public void WorkspaceDeleted(Guid workspaceId, Guid actorId) => publisher.Publish(new RealtimeEvent(EventTypes.WorkspaceDeleted,
        new WorkspaceDeletedPayload(workspaceId), workspaceId, ActorType.Member, actorId));

    public void InvitationCreated(InvitationDto invitation, string workspaceName, Guid actorId)
    {
        if (invitation.InviteeUserId is not { } invitee)
            return;
        publisher.Publish(new RealtimeEvent(EventTypes.InvitationCreated,
            new InvitationCreatedPayload(invitation, workspaceName),
            invitation.WorkspaceId, ActorType.Member, actorId, UserId: invitee));
    }

    public void InvitationRevoked(InvitationDto invitation, Guid actorId)
    {
        if (invitation.InviteeUserId is not { } invitee)
            return;
        publisher.Publish(new RealtimeEvent(EventTypes.InvitationRevoked, new InvitationRevokedPayload(invitation.Id, invitation.InviteeEmail, invitation.InviteeUserId),
            invitation.WorkspaceId, ActorType.Member, actorId, UserId: invitee));
    }

    public void InvitationAccepted(Guid invitationId, MemberDto member) => publisher.Publish(new RealtimeEvent(EventTypes.InvitationAccepted,
        new InvitationAcceptedPayload(invitationId, member),
        member.WorkspaceId, ActorType.Member, member.UserId));

    public void InvitationDeclined(InvitationDto invitation, Guid actorId) => publisher.Publish(new RealtimeEvent(EventTypes.InvitationDeclined,
        new InvitationDeclinedPayload(invitation.Id, invitation.InviteeEmail),
        invitation.WorkspaceId, ActorType.Member, actorId));
}
