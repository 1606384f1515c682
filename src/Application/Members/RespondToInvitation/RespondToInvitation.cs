using Multica.Application.Workspaces.ListMembers;
using Multica.Domain.Constants;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Members.Shared;
using Multica.Application.Workspaces;
using Multica.Domain.Entities;

namespace Multica.Application.Members.RespondToInvitation;

/// <summary>POST /api/invitations/{id}/accept: the invitee joins with the invited role.</summary>
public sealed record AcceptInvitationCommand(string InvitationId) : ICommand<MemberDto>;

/// <summary>POST /api/invitations/{id}/decline.</summary>
public sealed record DeclineInvitationCommand(string InvitationId) : ICommand<Unit>;

public sealed class AcceptInvitationHandler(
    InvitationAccess access,
    IMemberRepository members,
    IWorkspaceRepository workspaces,
    ITransactionRunner transactions,
    MemberEvents events,
    TimeProvider time) : ICommandHandler<AcceptInvitationCommand, MemberDto>
{
    public async ValueTask<MemberDto> Handle(AcceptInvitationCommand c, CancellationToken ct)
    {
        var (invitation, user) = await access.RequireOwnAsync(c.InvitationId, ct);
        if (invitation.Status != InvitationStatus.Pending)
            throw new BadRequestException(RespondRules.NotPending);
        var now = time.GetUtcNow().UtcDateTime;
        if (invitation.ExpiresAt < now)
            throw new GoneException("invitation has expired");

        var member = await transactions.RunAsync(async token =>
        {
            var accepted = await members.CloseInvitationAsync(invitation.Id, InvitationStatus.Accepted, now, token)
                ?? throw new BadRequestException(RespondRules.NotPending);
            return await members.AddMemberAsync(new Member
                {
                    Id = Guid.NewGuid(), WorkspaceId = accepted.WorkspaceId, UserId = user.Id, Role = accepted.Role, CreatedAt = now,
                }, token)
                ?? throw new ConflictException("you are already a member of this workspace");
        }, ct);

        var dto = MemberDtos.From(member, user);
        var workspace = await workspaces.FindByIdAsync(member.WorkspaceId, ct);
        events.MemberAdded(dto, workspace?.Name ?? "", user.Id);
        events.InvitationAccepted(invitation.Id, dto);
        return dto;
    }
}

public sealed class DeclineInvitationHandler(InvitationAccess access, IMemberRepository members, MemberEvents events, TimeProvider time)
    : ICommandHandler<DeclineInvitationCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeclineInvitationCommand c, CancellationToken ct)
    {
        var (invitation, user) = await access.RequireOwnAsync(c.InvitationId, ct);
        if (invitation.Status != InvitationStatus.Pending)
            throw new BadRequestException(RespondRules.NotPending);
        var declined = await members.CloseInvitationAsync(invitation.Id, InvitationStatus.Declined, time.GetUtcNow().UtcDateTime, ct)
            ?? throw new BadRequestException(RespondRules.NotPending);
        events.InvitationDeclined(InvitationDto.From(declined), user.Id);
        return Unit.Value;
    }
}

public static class RespondRules
{
    public const string NotPending = "invitation is not pending";
}
