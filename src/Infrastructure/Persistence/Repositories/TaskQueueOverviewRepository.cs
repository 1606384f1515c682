using Microsoft.EntityFrameworkCore;
using Multica.Application.TaskQueue;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
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
        return await Rows(Joined(workspaceId)
            .Where(x => started.Contains(x.Task.Status) &&
                        (x.Runtime.Status == RuntimeStatus.Offline ||
                         (x.Task.Status == AgentTaskStatus.Dispatched && x.Task.StartedAt == null && x.Task.DispatchedAt < dispatchedBefore)))
            .OrderBy(x => x.Task.CreatedAt).ThenBy(x => x.Task.Id)
            .Take(limit))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<QueueTaskRow>> RetriedAsync(Guid workspaceId, DateTime since, int limit, CancellationToken ct) =>
        await Rows(Joined(workspaceId)
            .Where(x => x.Task.Attempt > 1 && x.Task.CreatedAt >= since)
            .OrderByDescending(x => x.Task.CreatedAt).ThenBy(x => x.Task.Id)
            .Take(limit))
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

    private sealed class TaskOnRuntime
    {
        public required AgentTask Task { get; init; }
        public required AgentRuntime Runtime { get; init; }
    }

    // Filters and ordering run on the joined entities; the row is built last (EF filters member-initialised objects, not constructed records).
    private IQueryable<TaskOnRuntime> Joined(Guid workspaceId) =>
        db.Tasks.AsNoTracking()
            .Join(db.AgentRuntimes.AsNoTracking().Where(r => r.WorkspaceId == workspaceId), t => t.RuntimeId, r => r.Id,
                (t, r) => new TaskOnRuntime { Task = t, Runtime = r });

    private static IQueryable<QueueTaskRow> Rows(IQueryable<TaskOnRuntime> tasks) =>
        tasks.Select(x => new QueueTaskRow(x.Task.Id, x.Task.RuntimeId, x.Task.AgentId, x.Task.IssueId, x.Task.Status, x.Task.Attempt,
            x.Task.MaxAttempts, x.Task.FailureReason, x.Task.ParentTaskId, x.Task.CreatedAt, x.Task.DispatchedAt, x.Task.StartedAt,
            x.Task.CompletedAt, x.Runtime.Status));
}
