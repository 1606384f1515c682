using Microsoft.EntityFrameworkCore;
using Multica.Application.Runtimes;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class RuntimeRepository(MulticaDbContext db) : IRuntimeRepository
{
    public async Task<IReadOnlyList<AgentRuntime>> ListAsync(Guid workspaceId, Guid? ownerId, CancellationToken ct) =>
        await db.AgentRuntimes.AsNoTracking()
            .Where(r => r.WorkspaceId == workspaceId && (ownerId == null || r.OwnerId == ownerId))
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .ToListAsync(ct);

    public Task<AgentRuntime?> FindAsync(Guid runtimeId, CancellationToken ct) =>
        db.AgentRuntimes.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runtimeId, ct);

    public Task<bool> HasActiveAgentsAsync(Guid runtimeId, CancellationToken ct) =>
        db.Agents.AnyAsync(a => a.RuntimeId == runtimeId && a.ArchivedAt == null, ct);

    public async Task DeleteWithArchivedAgentsAsync(Guid runtimeId, CancellationToken ct)
    {
        await db.Agents.Where(a => a.RuntimeId == runtimeId && a.ArchivedAt != null).ExecuteDeleteAsync(ct);
        await db.AgentRuntimes.Where(r => r.Id == runtimeId).ExecuteDeleteAsync(ct);
    }

    public async Task<IReadOnlyList<RuntimeUsageRow>> UsageAsync(Guid runtimeId, DateTime since, CancellationToken ct)
    {
        var rows = await db.TaskUsages.AsNoTracking()
            .Where(u => u.CreatedAt >= since && db.Tasks.Any(t => t.Id == u.TaskId && t.RuntimeId == runtimeId))
            .GroupBy(u => new { u.CreatedAt.Date, u.Provider, u.Model })
            .Select(g => new
            {
                g.Key.Date, g.Key.Provider, g.Key.Model,
                Input = g.Sum(x => x.InputTokens), Output = g.Sum(x => x.OutputTokens),
                CacheRead = g.Sum(x => x.CacheReadTokens), CacheWrite = g.Sum(x => x.CacheWriteTokens),
            })
            .ToListAsync(ct);
        return rows
            .OrderByDescending(r => r.Date).ThenBy(r => r.Provider, StringComparer.Ordinal).ThenBy(r => r.Model, StringComparer.Ordinal)
            .Select(r => new RuntimeUsageRow(DateOnly.FromDateTime(r.Date), r.Provider, r.Model, r.Input, r.Output, r.CacheRead, r.CacheWrite))
            .ToList();
    }

    public async Task<IReadOnlyList<HourCount>> ActivityAsync(Guid runtimeId, CancellationToken ct)
    {
        var rows = await db.Tasks.AsNoTracking()
            .Where(t => t.RuntimeId == runtimeId && t.StartedAt != null)
            .GroupBy(t => t.StartedAt!.Value.Hour)
            .Select(g => new { Hour = g.Key, Count = g.LongCount() })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Hour).Select(r => new HourCount(r.Hour, r.Count)).ToList();
    }
}
