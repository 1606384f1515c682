using Microsoft.EntityFrameworkCore;
using Multica.Application.Workspaces;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class WorkspaceSettingsRepository(MulticaDbContext db) : IWorkspaceSettingsRepository
{
    public Task UpdateAsync(Workspace w, CancellationToken ct) =>
        db.Workspaces.Where(x => x.Id == w.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Name, w.Name)
            .SetProperty(x => x.Description, w.Description)
            .SetProperty(x => x.Context, w.Context)
            .SetProperty(x => x.Settings, w.Settings)
            .SetProperty(x => x.Repos, w.Repos)
            .SetProperty(x => x.IssuePrefix, w.IssuePrefix)
            .SetProperty(x => x.UpdatedAt, w.UpdatedAt), ct);

    public async Task<IReadOnlyList<MemberWithUser>> ListMembersAsync(Guid workspaceId, CancellationToken ct)
    {
        var rows = await db.Members.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { Member = m, User = u })
            .OrderBy(x => x.Member.CreatedAt).ThenBy(x => x.Member.Id)
            .ToListAsync(ct);
        return rows.Select(r => new MemberWithUser(r.Member, r.User)).ToList();
    }
}
