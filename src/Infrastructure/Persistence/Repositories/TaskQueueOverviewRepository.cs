using Microsoft.EntityFrameworkCore;
using Multica.Application.TaskQueue;
using Multica.Domain.Constants;
using Multica.Domain.Tasks;

namespace Multica.Infrastructure.Persistence.Repositories;

/// <summary>The task-queue overview: every read goes through the workspace's runtimes, so no other workspace is counted.</summary>
public sealed class TaskQueueOverviewRepository(MulticaDbContext db) : ITaskQueueOverviewRepository
{
    public async Task<IReadOnlyList<QueueDepthRow>> DepthAsync(Guid workspaceId, CancellationToken ct)
    {
        var active = TaskStateMachine.Active.ToArray();
        var rows = await db.Tasks.AsNoTracking()
            .Where(t => active.Contains(t.Status) && db.AgentRuntimes.Any(r => r.Id == t.RuntimeId && r.WorkspaceId == workspaceId))
            .GroupBy(t => new { t.RuntimeId, t.Status })
            .Select(g => new { g.Key.RuntimeId, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(ct);
        return rows.Select(r => new QueueDepthRow(r.RuntimeId, r.Status, r.Count)).ToList();
    }

    public async Task<IReadOnlyList<QueueTaskRow>> StuckAsync(Guid workspaceId, DateTime dispatchedBefore, int limit, CancellationToken ct)
    {
        var started = new[] { AgentTaskStatus.Dispatched, AgentTaskStatus.WaitingLocalDirectory, AgentTaskStatus.Running };
        return await Rows(workspaceId)
            .Where(t => started.Contains(t.Status) &&
                        (t.RuntimeStatus == RuntimeStatus.Offline ||
                         (t.Status == AgentTaskStatus.Dispatched && t.StartedAt == null && t.DispatchedAt < dispatchedBefore)))
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Take(limit)
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<QueueTaskRow>> RetriedAsync(Guid workspaceId, DateTime since, int limit, CancellationToken ct) =>
        await Rows(workspaceId)
            .Where(t => t.Attempt > 1 && t.CreatedAt >= since)
            .OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id)
            .Take(limit)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<FinishedMinuteRow>> FinishedPerMinuteAsync(Guid workspaceId, DateTime since, CancellationToken ct)
    {
        var finished = TaskStateMachine.Finished.ToArray();
        var rows = await db.Tasks.AsNoTracking()
            .Where(t => t.CompletedAt >= since && finished.Contains(t.Status) &&
                        db.AgentRuntimes.Any(r => r.Id == t.RuntimeId && r.WorkspaceId == workspaceId))
            .GroupBy(t => new { t.CompletedAt!.Value.Date, t.CompletedAt!.Value.Hour, t.CompletedAt!.Value.Minute, t.Status })
            .Select(g => new { g.Key.Date, g.Key.Hour, g.Key.Minute, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(ct);
        return rows.Select(r => new FinishedMinuteRow(
                DateTime.SpecifyKind(r.Date, DateTimeKind.Utc).AddHours(r.Hour).AddMinutes(r.Minute), r.Status, r.Count))
            .ToList();
    }

    private IQueryable<QueueTaskRow> Rows(Guid workspaceId) =>
        db.Tasks.AsNoTracking()
            .Join(db.AgentRuntimes.AsNoTracking().Where(r => r.WorkspaceId == workspaceId), t => t.RuntimeId, r => r.Id,
                (t, r) => new QueueTaskRow(t.Id, t.RuntimeId, t.AgentId, t.IssueId, t.Status, t.Attempt, t.MaxAttempts, t.FailureReason,
                    t.ParentTaskId, t.CreatedAt, t.DispatchedAt, t.StartedAt, t.CompletedAt, r.Status));
}
