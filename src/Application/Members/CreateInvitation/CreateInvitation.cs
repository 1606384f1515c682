using Multica.Domain.Entities;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Members.Shared;
using Multica.Domain.Constants;

namespace Multica.Application.Members.CreateInvitation;

/// <summary>
/// POST /api/workspaces/{id}/members (owner/admin): invite an e-mail as admin or member for seven days. A user who
/// already has that e-mail sees it in their own list at once.
/// </summary>
public sealed record CreateInvitationCommand(string WorkspaceId, string? Email, string? Role) : ICommand<InvitationDto>, IWorkspaceMemberScoped
{
    public const string AlreadyPending = "invitation already pending for this email";
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
    public IReadOnlyCollection<string>? RequiredRoles => MemberRole.Managers;
}

public sealed class CreateInvitationHandler(
    AccessScope scope,
    ICallerContext caller,
    IMemberRepository members,
    IWorkspaceRepository workspaces,
    MemberEvents events,
    TimeProvider time) : ICommandHandler<CreateInvitationCommand, InvitationDto>
{
    public async ValueTask<InvitationDto> Handle(CreateInvitationCommand c, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var email = (c.Email ?? "").Trim().ToLowerInvariant();
        if (email.Length == 0)
            throw new BadRequestException("email is required");
        var role = MemberRules.NormalizeRole(c.Role) ?? throw new BadRequestException(MemberRules.InvalidRole);
        if (role == MemberRole.Owner)
            throw new BadRequestException("cannot invite as owner");
        var existing = await members.FindUserByEmailAsync(email, ct);
        if (existing is not null && await members.IsMemberAsync(workspaceId, existing.Id, ct))
            throw new ConflictException("user is already a member");
        if (await members.HasPendingInvitationAsync(workspaceId, email, ct))
            throw new ConflictException(CreateInvitationCommand.AlreadyPending);

        var now = time.GetUtcNow().UtcDateTime;
        var invitation = new WorkspaceInvitation
        {
            Id = Guid.NewGuid(),
            WorkspaceId = workspaceId,
            InviterId = caller.RequireUserId(),
            InviteeEmail = email,
            InviteeUserId = existing?.Id,
            Role = role,
            Status = InvitationStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + InvitationStatus.Lifetime,
        };
        if (!await members.AddInvitationAsync(invitation, ct))
            throw new ConflictException(CreateInvitationCommand.AlreadyPending);
        var dto = InvitationDto.From(invitation);
        var workspace = await workspaces.FindByIdAsync(workspaceId, ct);
        events.InvitationCreated(dto, workspace?.Name ?? "", invitation.InviterId);
        return dto;
    }
}
