using Mediator;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Members.Shared;
using Multica.Domain.Constants;

namespace Multica.Application.Members.RemoveMember;

/// <summary>DELETE /api/workspaces/{id}/members/{memberId} (owner/admin); only an owner removes an owner, never the last one.</summary>
public sealed record RemoveMemberCommand(string WorkspaceId, string MemberId) : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
    public IReadOnlyCollection<string>? RequiredRoles => MemberRole.Managers;
}

public sealed class RemoveMemberHandler(AccessScope scope, ICallerContext caller, IMemberRepository members, MemberEvents events)
    : ICommandHandler<RemoveMemberCommand, Unit>
{
    public async ValueTask<Unit> Handle(RemoveMemberCommand c, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var target = (Ids.Parse(c.MemberId) is { } id ? await members.FindMemberAsync(workspaceId, id, ct) : null)
            ?? throw new NotFoundException(MemberRules.MemberNotFound);
        if (target.Role == MemberRole.Owner)
        {
            if (scope.Member?.Role != MemberRole.Owner)
                throw new ForbiddenException(ErrorMessages.InsufficientPermissions);
            await MemberRules.EnsureAnotherOwnerAsync(members, workspaceId, ct);
        }
        await members.RemoveAsync(target, ct);
        events.MemberRemoved(target, caller.RequireUserId());
        return Unit.Value;
    }
}
