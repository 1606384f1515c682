using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Members;

/// <summary>Memberships and invitations. Writes that change who may enter a workspace drop the cached membership.</summary>
public interface IMemberRepository
{
    Task<Member?> FindMemberAsync(Guid workspaceId, Guid memberId, CancellationToken ct);

    Task<int> CountOwnersAsync(Guid workspaceId, CancellationToken ct);

    Task<Member> UpdateRoleAsync(Member member, string role, CancellationToken ct);

    Task RemoveAsync(Member member, CancellationToken ct);

    /// <summary>Deletes the workspace and everything in it.</summary>
    Task DeleteWorkspaceAsync(Guid workspaceId, CancellationToken ct);

    Task<User?> FindUserAsync(Guid userId, CancellationToken ct);

    Task<User?> FindUserByEmailAsync(string email, CancellationToken ct);

    Task<bool> IsMemberAsync(Guid workspaceId, Guid userId, CancellationToken ct);

    Task<WorkspaceInvitation?> FindInvitationAsync(Guid invitationId, CancellationToken ct);

    Task<bool> HasPendingInvitationAsync(Guid workspaceId, string email, CancellationToken ct);

    /// <summary>Inserts the invitation; false when a pending one for that e-mail appeared meanwhile.</summary>
    Task<bool> AddInvitationAsync(WorkspaceInvitation invitation, CancellationToken ct);

    /// <summary>Open (pending, unexpired) invitations of the workspace with their inviters, newest first.</summary>
    Task<IReadOnlyList<(WorkspaceInvitation Invitation, User Inviter)>> ListOpenForWorkspaceAsync(Guid workspaceId, DateTime now,
        CancellationToken ct);

    /// <summary>Open invitations addressed to the user (by id or e-mail) with workspace and inviter, newest first.</summary>
    Task<IReadOnlyList<(WorkspaceInvitation Invitation, Workspace Workspace, User Inviter)>> ListOpenForUserAsync(Guid userId, string email,
        DateTime now, CancellationToken ct);

    Task RevokeInvitationAsync(Guid invitationId, CancellationToken ct);

    /// <summary>Sets a pending invitation's status; null when it was no longer pending.</summary>
    Task<WorkspaceInvitation?> CloseInvitationAsync(Guid invitationId, string status, DateTime now, CancellationToken ct);

    /// <summary>Adds the membership; null when the user is already a member.</summary>
    Task<Member?> AddMemberAsync(Member member, CancellationToken ct);
}
