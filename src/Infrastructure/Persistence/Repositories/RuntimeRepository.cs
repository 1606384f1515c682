using Microsoft.EntityFrameworkCore;
using Multica.Application.Common.Interfaces;
using Multica.Application.Runtimes;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using NpgsqlTypes;
using static Multica.Infrastructure.Persistence.RawSql;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class RuntimeRepository(MulticaDbContext db, ITransactionRunner transactions) : IRuntimeRepository
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

    public Task<AgentRuntime> RegisterAsync(RuntimeRegistration r, IReadOnlyList<string> legacyDaemonIds, DateTime now, CancellationToken ct) =>
        // One transaction per runtime: upsert and legacy merge never half-apply.
        transactions.RunAsync(async token =>
        {
            var runtime = (await db.AgentRuntimes.FromSqlRaw("""
                INSERT INTO agent_runtime (workspace_id, daemon_id, name, runtime_mode, provider, status, device_info, metadata,
                    owner_id, last_seen_at, created_at, updated_at)
                VALUES (@workspace, @daemon, @name, 'local', @provider, @status, @device, CAST(@metadata AS jsonb),
                    @owner, @now, @now, @now)
                ON CONFLICT (workspace_id, daemon_id, provider) DO UPDATE SET
                    name = EXCLUDED.name, runtime_mode = EXCLUDED.runtime_mode, status = EXCLUDED.status,
                    device_info = EXCLUDED.device_info, metadata = EXCLUDED.metadata,
                    last_seen_at = EXCLUDED.last_seen_at, updated_at = EXCLUDED.updated_at,
                    owner_id = COALESCE(EXCLUDED.owner_id, agent_runtime.owner_id)
                RETURNING *
                """,
                P("workspace", r.WorkspaceId), P("daemon", r.DaemonId), P("name", r.Name), P("provider", r.Provider),
                P("status", r.Status), P("device", r.DeviceInfo), P("metadata", r.MetadataJson),
                P("owner", NpgsqlDbType.Uuid, r.OwnerId), Time("now", now))
                .AsNoTracking().ToListAsync(token)).Single();

            foreach (var legacyId in legacyDaemonIds)
                await MergeLegacyAsync(runtime, legacyId, token);
            return runtime;
        }, ct);

    /// <summary>Old rows of this machine (hostname-derived daemon ids) hand their agents and tasks over, then go.</summary>
    private async Task MergeLegacyAsync(AgentRuntime current, string legacyId, CancellationToken ct)
    {
        var lowered = legacyId.ToLowerInvariant();
        var old = await db.AgentRuntimes.AsNoTracking()
            .Where(x => x.WorkspaceId == current.WorkspaceId && x.Provider == current.Provider && x.Id != current.Id
                        && x.DaemonId != null && x.DaemonId.ToLower() == lowered)
            .Select(x => x.Id).ToListAsync(ct);
        foreach (var oldId in old)
        {
            await db.Agents.Where(a => a.RuntimeId == oldId).ExecuteUpdateAsync(s => s.SetProperty(a => a.RuntimeId, current.Id), ct);
            // Every task, finished ones included: deleting the old row would cascade to them.
            await db.Tasks.Where(t => t.RuntimeId == oldId).ExecuteUpdateAsync(s => s.SetProperty(t => t.RuntimeId, current.Id), ct);
            await db.AgentRuntimes.Where(x => x.Id == current.Id && x.LegacyDaemonId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LegacyDaemonId, legacyId), ct);
            await db.AgentRuntimes.Where(x => x.Id == oldId).ExecuteDeleteAsync(ct);
        }
    }

    public async Task<IReadOnlyList<AgentRuntime>> FindManyAsync(IReadOnlyCollection<Guid> runtimeIds, CancellationToken ct) =>
        await db.AgentRuntimes.AsNoTracking().Where(x => runtimeIds.Contains(x.Id)).ToListAsync(ct);

    public Task SetOfflineAsync(IReadOnlyCollection<Guid> runtimeIds, DateTime now, CancellationToken ct) =>
        db.AgentRuntimes.Where(x => runtimeIds.Contains(x.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RuntimeStatus.Offline).SetProperty(x => x.UpdatedAt, now), ct);

    public async Task<IReadOnlyList<(Guid RuntimeId, Guid WorkspaceId)>> MarkStaleOfflineAsync(DateTime seenBefore, DateTime now, CancellationToken ct) =>
        await QueryAsync(db, """
            UPDATE agent_runtime SET status = 'offline', updated_at = @now
            WHERE status = 'online' AND last_seen_at < @seen_before
            RETURNING id, workspace_id
            """, [Time("now", now), Time("seen_before", seenBefore)], r => (r.GetGuid(0), r.GetGuid(1)), ct);

    public async Task<IReadOnlyList<Guid>> DeleteAbandonedAsync(DateTime seenBefore, CancellationToken ct) =>
        await QueryAsync(db, """
            DELETE FROM agent_runtime r
            WHERE r.status = 'offline' AND r.last_seen_at < @seen_before
              AND NOT EXISTS (SELECT 1 FROM agent a WHERE a.runtime_id = r.id)
            RETURNING r.workspace_id
            """, [Time("seen_before", seenBefore)], r => r.GetGuid(0), ct);
}
