using Microsoft.EntityFrameworkCore;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class WorkspaceRepository(MulticaDbContext db) : IWorkspaceRepository
{
    public Task<Workspace?> FindByIdAsync(Guid id, CancellationToken ct) =>
        db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);

    public async Task<IReadOnlyList<Workspace>> ListForUserAsync(Guid userId, CancellationToken ct) =>
        await db.Workspaces.AsNoTracking()
            .Where(w => db.Members.Any(m => m.WorkspaceId == w.Id && m.UserId == userId))
            .OrderBy(w => w.CreatedAt).ToListAsync(ct);

    // Primary-key locks on their generic plans (docs/daemon-protocol.md, "Plans"): the share lock of every issue reaction
    // (a comment's takes it with its issue read, IssueRepository.FindSharingWorkspaceLockAsync), and a workspace delete's.
    public Task<bool> ShareLockAsync(Guid id, CancellationToken ct) => LockAsync(ShareLockSql, id, ct);

    public Task<bool> LockForDeleteAsync(Guid id, CancellationToken ct) => LockAsync(DeleteLockSql, id, ct);

    private const string LockSql = GenericPlanInterceptor.TagLine + "SELECT 1 FROM workspace WHERE id = @id FOR ";
    private const string ShareLockSql = LockSql + "KEY SHARE";
    private const string DeleteLockSql = LockSql + "UPDATE";

    private async Task<bool> LockAsync(string sql, Guid id, CancellationToken ct) =>
        (await RawSql.QueryAsync(db, sql, [RawSql.P("id", id)], reader => reader.GetInt32(0), ct)).Count > 0;

    public Task<bool> SlugExistsAsync(string slug, CancellationToken ct) =>
        db.Workspaces.AnyAsync(w => w.Slug == slug, ct);

    public async Task<bool> CreateWithOwnerAsync(Workspace workspace, Member owner, CancellationToken ct)
    {
        // Both rows go in one SaveChanges, i.e. one transaction.
        db.Workspaces.Add(workspace);
        db.Members.Add(owner);
        return await db.TrySaveUniqueAsync(ct);
    }

    public async Task AddMemberAsync(Member member, CancellationToken ct)
    {
        db.Members.Add(member);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
