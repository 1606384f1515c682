using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Members.Shared;
using Multica.Domain.Constants;

namespace Multica.Application.Members.LeaveWorkspace;

/// <summary>POST /api/workspaces/{id}/leave: the caller's membership ends (not the last owner's).</summary>
public sealed record LeaveWorkspaceCommand(string WorkspaceId) : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class LeaveWorkspaceHandler(AccessScope scope, IMemberRepository members, MemberEvents events)
    : ICommandHandler<LeaveWorkspaceCommand, Unit>
{
    public async ValueTask<Unit> Handle(LeaveWorkspaceCommand c, CancellationToken ct)
    {
        var member = scope.Member ?? throw new InvalidOperationException("membership was not resolved");
        if (member.Role == MemberRole.Owner)
            await MemberRules.EnsureAnotherOwnerAsync(members, member.WorkspaceId, ct);
        await members.RemoveAsync(member, ct);
        events.MemberRemoved(member, member.UserId);
        return Unit.Value;
    }
}
