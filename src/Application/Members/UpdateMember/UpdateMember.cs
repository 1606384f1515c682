using Multica.Application.Workspaces.ListMembers;
using Mediator;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Members.Shared;
using Multica.Application.Workspaces;
using Multica.Domain.Constants;

namespace Multica.Application.Members.UpdateMember;

/// <summary>
/// PATCH /api/workspaces/{id}/members/{memberId} (owner/admin): change a member's role. Only an owner may touch an
/// owner or make one; the last owner cannot be demoted.
/// </summary>
public sealed record UpdateMemberCommand(string WorkspaceId, string MemberId, string? Role) : ICommand<MemberDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
    public IReadOnlyCollection<string>? RequiredRoles => MemberRole.Managers;
}

public sealed class UpdateMemberHandler(AccessScope scope, ICallerContext caller, IMemberRepository members, MemberEvents events)
    : ICommandHandler<UpdateMemberCommand, MemberDto>
{
    public async ValueTask<MemberDto> Handle(UpdateMemberCommand c, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var target = (Ids.Parse(c.MemberId) is { } id ? await members.FindMemberAsync(workspaceId, id, ct) : null)
            ?? throw new NotFoundException(MemberRules.MemberNotFound);
        if (string.IsNullOrWhiteSpace(c.Role))
            throw new BadRequestException("role is required");
        var role = MemberRules.NormalizeRole(c.Role) ?? throw new BadRequestException(MemberRules.InvalidRole);
        if ((target.Role == MemberRole.Owner || role == MemberRole.Owner) && scope.Member?.Role != MemberRole.Owner)
            throw new ForbiddenException(ErrorMessages.InsufficientPermissions);
        if (target.Role == MemberRole.Owner && role != MemberRole.Owner)
            await MemberRules.EnsureAnotherOwnerAsync(members, workspaceId, ct);

        var updated = await members.UpdateRoleAsync(target, role, ct);
        var user = await members.FindUserAsync(updated.UserId, ct) ?? throw new NotFoundException(MemberRules.MemberNotFound);
        var dto = MemberDtos.From(updated, user);
        events.MemberUpdated(dto, caller.RequireUserId());
        return dto;
    }
}
