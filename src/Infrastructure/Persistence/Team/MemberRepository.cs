using Microsoft.EntityFrameworkCore;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Members;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Infrastructure.Persistence.Repositories;
using static Multica.Infrastructure.Persistence.RawSql;

namespace Multica.Infrastructure.Persistence.Team;

public sealed class MemberRepository(MulticaDbContext db, ICacheEvictionBroadcast evictions, ITransactionRunner transactions) : IMemberRepository
{
    // Once the change is visible to others: evicted inside an open transaction, another request could cache the old
    // row again before the commit.
    private void Evict(Guid workspaceId, Guid userId) =>
        transactions.AfterCommit(() => evictions.Broadcast(CacheEviction.Member(workspaceId, userId)));

    public Task<Member?> FindMemberAsync(Guid workspaceId, Guid memberId, CancellationToken ct) =>
        db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId && m.WorkspaceId == workspaceId, ct);

    public Task<int> CountOwnersAsync(Guid workspaceId, CancellationToken ct) =>
        db.Members.CountAsync(m => m.WorkspaceId == workspaceId && m.Role == MemberRole.Owner, ct);

    public async Task<Member> UpdateRoleAsync(Member member, string role, CancellationToken ct)
    {
        await db.Members.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, role), ct);
        Evict(member.WorkspaceId, member.UserId);
        return await db.Members.AsNoTracking().FirstAsync(m => m.Id == member.Id, ct);
    }

    public async Task RemoveAsync(Member member, CancellationToken ct)
    {
        await db.Members.Where(m => m.Id == member.Id).ExecuteDeleteAsync(ct);
        Evict(member.WorkspaceId, member.UserId);
    }

    public async Task DeleteWorkspaceAsync(Guid workspaceId, CancellationToken ct)
    {
        var users = await db.Members.Where(m => m.WorkspaceId == workspaceId).Select(m => m.UserId).ToListAsync(ct);
        await db.Workspaces.Where(w => w.Id == workspaceId).ExecuteDeleteAsync(ct);
        foreach (var user in users)
            Evict(workspaceId, user);
    }

    public Task<User?> FindUserAsync(Guid userId, CancellationToken ct) => db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);

    public Task<User?> FindUserByEmailAsync(string email, CancellationToken ct) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email.ToLower() == email, ct);

    public Task<bool> IsMemberAsync(Guid workspaceId, Guid userId, CancellationToken ct) =>
        db.Members.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct);

    public Task<WorkspaceInvitation?> FindInvitationAsync(Guid invitationId, CancellationToken ct) =>
        db.WorkspaceInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invitationId, ct);

    public Task<bool> HasPendingInvitationAsync(Guid workspaceId, string email, CancellationToken ct) =>
        db.WorkspaceInvitations.AnyAsync(i => i.WorkspaceId == workspaceId && i.InviteeEmail == email && i.Status == InvitationStatus.Pending, ct);

    public async Task<bool> AddInvitationAsync(WorkspaceInvitation invitation, CancellationToken ct)
    {
        db.WorkspaceInvitations.Add(invitation);
        return await db.TrySaveUniqueAsync(ct);
    }

    public async Task<IReadOnlyList<(WorkspaceInvitation Invitation, User Inviter)>> ListOpenForWorkspaceAsync(Guid workspaceId, DateTime now,
        CancellationToken ct)
    {
        var rows = await (from i in db.WorkspaceInvitations.AsNoTracking()
                          join u in db.Users on i.InviterId equals u.Id
                          where i.WorkspaceId == workspaceId && i.Status == InvitationStatus.Pending && i.ExpiresAt > now
                          orderby i.CreatedAt descending
                          select new { i, u }).ToListAsync(ct);
        return rows.Select(r => (r.i, r.u)).ToList();
    }

    public async Task<IReadOnlyList<(WorkspaceInvitation Invitation, Workspace Workspace, User Inviter)>> ListOpenForUserAsync(Guid userId,
        string email, DateTime now, CancellationToken ct)
    {
        var rows = await (from i in db.WorkspaceInvitations.AsNoTracking()
                          join w in db.Workspaces on i.WorkspaceId equals w.Id
                          join u in db.Users on i.InviterId equals u.Id
                          where i.Status == InvitationStatus.Pending && (i.InviteeUserId == userId || i.InviteeEmail == email) && i.ExpiresAt > now
                          orderby i.CreatedAt descending
                          select new { i, w, u }).ToListAsync(ct);
        return rows.Select(r => (r.i, r.w, r.u)).ToList();
    }

    public Task RevokeInvitationAsync(Guid invitationId, CancellationToken ct) =>
        db.WorkspaceInvitations.Where(i => i.Id == invitationId && i.Status == InvitationStatus.Pending).ExecuteDeleteAsync(ct);

    public async Task<WorkspaceInvitation?> CloseInvitationAsync(Guid invitationId, string status, DateTime now, CancellationToken ct)
    {
        var changed = await db.WorkspaceInvitations.Where(i => i.Id == invitationId && i.Status == InvitationStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, status).SetProperty(i => i.UpdatedAt, now), ct);
        return changed == 0 ? null : await db.WorkspaceInvitations.AsNoTracking().FirstAsync(i => i.Id == invitationId, ct);
    }

    public async Task<Member?> AddMemberAsync(Member member, CancellationToken ct) =>
        (await db.Members.FromSqlRaw("""
            INSERT INTO member (id, workspace_id, user_id, role, created_at) VALUES (@id, @ws, @user, @role, @now)
            ON CONFLICT (workspace_id, user_id) DO NOTHING
            RETURNING *
            """, P("id", member.Id), P("ws", member.WorkspaceId), P("user", member.UserId), P("role", member.Role), Time("now", member.CreatedAt))
            .AsNoTracking().ToListAsync(ct)).FirstOrDefault();
}
