using Microsoft.EntityFrameworkCore;
using Multica.Application.SubIssues;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Team;

public sealed class SubIssueRepository(MulticaDbContext db) : ISubIssueRepository
{

    public async Task<IReadOnlyList<Issue>> ListChildrenAsync(Guid parentId, CancellationToken ct) =>
        await db.Issues.AsNoTracking().Where(i => i.ParentIssueId == parentId)
            .OrderBy(i => i.Position).ThenByDescending(i => i.CreatedAt).ToListAsync(ct);

    public async Task<IReadOnlyList<(Guid ParentIssueId, long Total, long Done)>> ProgressAsync(Guid workspaceId, CancellationToken ct)
    {
        var rows = await db.Issues.AsNoTracking().Where(i => i.WorkspaceId == workspaceId && i.ParentIssueId != null)
            .GroupBy(i => i.ParentIssueId!.Value)
            .Select(g => new { Parent = g.Key, Total = g.LongCount(), Done = g.LongCount(i => IssueStatus.Closed.Contains(i.Status)) })
            .OrderBy(r => r.Parent)
            .ToListAsync(ct);
        return rows.Select(r => (r.Parent, r.Total, r.Done)).ToList();
    }
}
