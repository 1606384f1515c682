using Microsoft.EntityFrameworkCore;
using Multica.Application.Autopilots;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class AutopilotRepository(MulticaDbContext db) : IAutopilotRepository
{
    public async Task<IReadOnlyList<Autopilot>> ListAsync(Guid workspaceId, string? status, CancellationToken ct) =>
        await db.Autopilots.AsNoTracking()
            .Where(a => a.WorkspaceId == workspaceId && (status == null || a.Status == status))
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .ToListAsync(ct);

    public Task<Autopilot?> FindAsync(Guid workspaceId, Guid autopilotId, CancellationToken ct) =>
        db.Autopilots.AsNoTracking().FirstOrDefaultAsync(a => a.Id == autopilotId && a.WorkspaceId == workspaceId, ct);

    public Task AddAsync(Autopilot autopilot, CancellationToken ct) => SaveAsync(() => db.Autopilots.Add(autopilot), ct);

    public Task UpdateAsync(Autopilot autopilot, CancellationToken ct) => SaveAsync(() => db.Autopilots.Update(autopilot), ct);

    public Task DeleteAsync(Guid autopilotId, CancellationToken ct) => db.Autopilots.Where(a => a.Id == autopilotId).ExecuteDeleteAsync(ct);

    public async Task<IReadOnlyList<AutopilotTrigger>> ListTriggersAsync(Guid autopilotId, CancellationToken ct) =>
        await db.AutopilotTriggers.AsNoTracking().Where(t => t.AutopilotId == autopilotId).OrderBy(t => t.CreatedAt).ToListAsync(ct);

    public Task AddRunAsync(AutopilotRun run, CancellationToken ct) => SaveAsync(() => db.AutopilotRuns.Add(run), ct);

    public Task UpdateRunAsync(AutopilotRun run, CancellationToken ct) => SaveAsync(() => db.AutopilotRuns.Update(run), ct);

    public async Task<IReadOnlyList<AutopilotRun>> ListRunsAsync(Guid autopilotId, int limit, int offset, CancellationToken ct) =>
        await db.AutopilotRuns.AsNoTracking().Where(r => r.AutopilotId == autopilotId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip(offset).Take(limit).ToListAsync(ct);

    private async Task SaveAsync(Action stage, CancellationToken ct)
    {
        stage();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
