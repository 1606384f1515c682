using Microsoft.EntityFrameworkCore;
using Multica.Application.Usage;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class UsageRepository(MulticaDbContext db) : IUsageRepository
{
    public async Task<IReadOnlyList<ModelUsageRow>> ByModelAsync(Guid workspaceId, DateTime since, bool byDay, CancellationToken ct)
    {
        var rows = db.TaskUsages.AsNoTracking()
            .Where(u => u.CreatedAt >= since)
            .Join(db.Tasks, u => u.TaskId, t => t.Id, (u, t) => new { Usage = u, t.AgentId })
            .Where(x => db.Agents.Any(a => a.Id == x.AgentId && a.WorkspaceId == workspaceId))
            .Select(x => x.Usage);

        if (byDay)
        {
            var daily = await rows.GroupBy(u => new { u.CreatedAt.Date, u.Model })
                .Select(g => new
                {
                    g.Key.Date, g.Key.Model,
                    Input = g.Sum(x => x.InputTokens), Output = g.Sum(x => x.OutputTokens),
                    CacheRead = g.Sum(x => x.CacheReadTokens), CacheWrite = g.Sum(x => x.CacheWriteTokens),
                    Tasks = g.Select(x => x.TaskId).Distinct().Count(),
                })
                .ToListAsync(ct);
            return daily.Select(r => new ModelUsageRow(DateOnly.FromDateTime(r.Date), r.Model, r.Input, r.Output, r.CacheRead,
                r.CacheWrite, r.Tasks)).ToList();
        }

        var summary = await rows.GroupBy(u => u.Model)
            .Select(g => new
            {
                Model = g.Key,
                Input = g.Sum(x => x.InputTokens), Output = g.Sum(x => x.OutputTokens),
                CacheRead = g.Sum(x => x.CacheReadTokens), CacheWrite = g.Sum(x => x.CacheWriteTokens),
                Tasks = g.Select(x => x.TaskId).Distinct().Count(),
            })
            .ToListAsync(ct);
        return summary.Select(r => new ModelUsageRow(null, r.Model, r.Input, r.Output, r.CacheRead, r.CacheWrite, r.Tasks)).ToList();
    }
}
