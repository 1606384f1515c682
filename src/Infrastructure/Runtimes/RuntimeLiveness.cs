using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Multica.Application.Common.Caching;
using Multica.Application.Common.Interfaces;
using Multica.Application.Runtimes;
using Multica.Infrastructure.Persistence;
using static Multica.Infrastructure.Persistence.RawSql;

namespace Multica.Infrastructure.Runtimes;

/// <summary>
/// Coalesced heartbeats (docs/daemon-protocol.md, "Coalesced heartbeats"). A runtime this node has not
/// seen online recently (neither registered here nor written by a heartbeat here) is written at once with the
/// exact statement (row lock, was-offline answer, 404 for a deleted row). After that, its heartbeats only record
/// the newest time in memory and <see cref="LivenessFlushService"/> writes them all in one statement about every second. The flush only
/// refreshes rows that are still online: a runtime the sweeper or a deregister set offline meanwhile is
/// forgotten instead, and its next heartbeat takes the exact path again (which revives it and announces
/// it). Each node flushes only its own heartbeats and last_seen_at never moves backwards, so several nodes
/// are safe; the sweeper's staleness window (45 s) is far longer than the flush interval.
/// </summary>
public sealed class RuntimeLiveness(IServiceScopeFactory scopes, TimeProvider time, ILogger<RuntimeLiveness> logger) : IRuntimeLiveness
{
    /// <summary>How often buffered heartbeats are written.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A runtime whose row this node has not confirmed online for this long is written at once again
    /// (it may have moved to another node and been swept meanwhile).
    /// </summary>
    public static readonly TimeSpan ConfirmedFor = TimeSpan.FromSeconds(30);

    // runtime → when this node last saw its row online (UTC ticks). Entries older than ConfirmedFor are of no use
    // (the next heartbeat takes the exact path) and are pruned as new runtimes are confirmed.
    private readonly ConcurrentDictionary<Guid, long> _confirmed = new();
    private readonly StaleEntryPruning _pruning = new();
    // runtime → newest heartbeat time not yet written.
    private ConcurrentDictionary<Guid, DateTime> _buffer = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);

    private const string ExactSql = """
        UPDATE agent_runtime AS r
        SET status = 'online', last_seen_at = @now, updated_at = @now
        FROM (SELECT id, status FROM agent_runtime WHERE id = @id FOR UPDATE) AS before
        WHERE r.id = before.id
        RETURNING before.status
        """;

    // Rows locked in id order so two nodes flushing overlapping sets cannot deadlock.
    private const string FlushSql = """
        WITH v AS (SELECT * FROM unnest(@ids, @times) AS v(id, ts)),
        locked AS (
            SELECT r.id FROM agent_runtime r JOIN v ON v.id = r.id
            WHERE r.status = 'online'
            ORDER BY r.id
            FOR NO KEY UPDATE OF r
        )
        UPDATE agent_runtime r
        SET last_seen_at = GREATEST(r.last_seen_at, v.ts), updated_at = GREATEST(r.updated_at, v.ts)
        FROM v JOIN locked l ON l.id = v.id
        WHERE r.id = v.id AND r.status = 'online'
        RETURNING r.id
        """;

    public async Task<RuntimeTouch> TouchAsync(Guid runtimeId, DateTime now, CancellationToken ct)
    {
        var nowTicks = time.GetUtcNow().UtcTicks;
        if (_confirmed.TryGetValue(runtimeId, out var confirmed) && nowTicks - confirmed < ConfirmedFor.Ticks)
        {
            _buffer.AddOrUpdate(runtimeId, now, (_, old) => old > now ? old : now);
            return new RuntimeTouch(true, false);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
        var rows = await QueryAsync(db, ExactSql, [P("id", runtimeId), Time("now", now)], r => r.GetString(0), ct);
        if (rows.Count == 0)
        {
            _confirmed.TryRemove(runtimeId, out _);
            return new RuntimeTouch(false, false);
        }
        Remember(runtimeId, nowTicks);
        return new RuntimeTouch(true, rows[0] != "online");
    }

    public void Confirm(Guid runtimeId) => Remember(runtimeId, time.GetUtcNow().UtcTicks);

    // The two ways a runtime enters the map (the flush only refreshes runtimes already in it).
    private void Remember(Guid runtimeId, long nowTicks)
    {
        _confirmed[runtimeId] = nowTicks;
        _pruning.AfterWrite(_confirmed, nowTicks, static (confirmed, at) => at - confirmed >= ConfirmedFor.Ticks);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        await _flushing.WaitAsync(ct);
        try
        {
            if (_buffer.IsEmpty)
                return;
            var batch = Interlocked.Exchange(ref _buffer, new ConcurrentDictionary<Guid, DateTime>());
            var ids = batch.Keys.ToArray();
            var times = ids.Select(id => batch[id]).ToArray();
            await using var scope = scopes.CreateAsyncScope();
            List<Guid> refreshed;
            try
            {
                var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
                refreshed = await QueryAsync(db, FlushSql, [Uuids("ids", ids), Times("times", times)], r => r.GetGuid(0), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Put the batch back (newest time wins) so the next flush retries it.
                foreach (var (id, ts) in batch)
                    _buffer.AddOrUpdate(id, ts, (_, old) => old > ts ? old : ts);
                // A lost database is logged once per kind by the outage classifier, not once per flush.
                if (!scope.ServiceProvider.GetRequiredService<IStorageOutage>().IsOutage(ex))
                    logger.LogWarning(ex, "heartbeat flush of {Count} runtimes failed; retrying", ids.Length);
                return;
            }

            var nowTicks = time.GetUtcNow().UtcTicks;
            var seen = refreshed.ToHashSet();
            IAccessRepository? access = null;
            foreach (var id in ids)
            {
                if (seen.Contains(id))
                    _confirmed[id] = nowTicks;
                else
                {
                    // Offline or deleted meanwhile: the next heartbeat takes the exact path (and its access
                    // check reloads the runtime, so a deleted one answers 404).
                    _confirmed.TryRemove(id, out _);
                    access ??= scope.ServiceProvider.GetRequiredService<IAccessRepository>();
                    access.EvictRuntime(id);
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    public void Forget(IEnumerable<Guid> runtimeIds)
    {
        foreach (var id in runtimeIds)
        {
            _confirmed.TryRemove(id, out _);
            _buffer.TryRemove(id, out _);
        }
    }
}

/// <summary>Runs <see cref="IRuntimeLiveness.FlushAsync"/> every <see cref="RuntimeLiveness.FlushInterval"/>, and once more at shutdown.</summary>
public sealed class LivenessFlushService(IRuntimeLiveness liveness, TimeProvider time, ILogger<LivenessFlushService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RuntimeLiveness.FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await liveness.FlushAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "heartbeat flush failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await liveness.FlushAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "final heartbeat flush failed");
        }
    }
}
