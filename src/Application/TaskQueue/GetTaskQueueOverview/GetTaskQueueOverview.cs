using Mediator;
using Microsoft.Extensions.Options;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Domain.Constants;
using Multica.Domain.Tasks;

namespace Multica.Application.TaskQueue.GetTaskQueueOverview;

public sealed record QueueDepthDto(Guid RuntimeId, string Status, long Count);

/// <summary>A stuck or retried task; <c>reason</c> says why a task counts as stuck (null for a retry).</summary>
public sealed record QueueTaskDto(Guid Id, Guid RuntimeId, Guid AgentId, Guid? IssueId, string Status, int Attempt, int MaxAttempts,
    string? FailureReason, Guid? ParentTaskId, DateTime CreatedAt, DateTime? DispatchedAt, DateTime? StartedAt, DateTime? CompletedAt,
    string? Reason);

/// <summary>Tasks finished in one UTC minute; every minute of the window is present, empty ones with zeros.</summary>
public sealed record ThroughputMinuteDto(DateTime Minute, long Completed, long Failed, long Cancelled);

/// <summary><c>active_statuses</c>: the unfinished statuses <c>queue</c> counts, in lifecycle order (the dashboard's columns).</summary>
public sealed record TaskQueueOverviewDto(
    DateTime GeneratedAt,
    int WindowMinutes,
    IReadOnlyList<string> ActiveStatuses,
    IReadOnlyList<QueueDepthDto> Queue,
    IReadOnlyList<QueueTaskDto> Stuck,
    IReadOnlyList<QueueTaskDto> Retried,
    IReadOnlyList<ThroughputMinuteDto> Throughput);

/// <summary>
/// GET /api/task-queue: the operator's view of the workspace's task queue — unfinished tasks per runtime and status,
/// stuck tasks, recent retries and tasks finished per minute over the last <see cref="WindowMinutes"/> minutes.
/// </summary>
public sealed record GetTaskQueueOverviewQuery(string WorkspaceId) : IQuery<TaskQueueOverviewDto>, IWorkspaceMemberScoped
{
    public const int WindowMinutes = 15;
    public const int ListLimit = 50;
    public const string ReasonRuntimeOffline = "runtime_offline";
    public const string ReasonNotStarted = "dispatched_not_started";

    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetTaskQueueOverviewHandler(AccessScope scope, ITaskQueueOverviewRepository overview, IOptions<TaskOptions> options,
    TimeProvider time) : IQueryHandler<GetTaskQueueOverviewQuery, TaskQueueOverviewDto>
{
    public async ValueTask<TaskQueueOverviewDto> Handle(GetTaskQueueOverviewQuery query, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var now = time.GetUtcNow().UtcDateTime;
        var currentMinute = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        var windowStart = currentMinute.AddMinutes(-(GetTaskQueueOverviewQuery.WindowMinutes - 1));
        // A dispatched task is re-offered after the redispatch grace: one still not started after it is stuck.
        var dispatchedBefore = now - options.Value.RedispatchGrace;

        var depth = await overview.DepthAsync(workspaceId, ct);
        var stuck = await overview.StuckAsync(workspaceId, dispatchedBefore, GetTaskQueueOverviewQuery.ListLimit, ct);
        var retried = await overview.RetriedAsync(workspaceId, windowStart.AddHours(-1), GetTaskQueueOverviewQuery.ListLimit, ct);
        var finished = await overview.FinishedPerMinuteAsync(workspaceId, windowStart, ct);

        var throughput = Enumerable.Range(0, GetTaskQueueOverviewQuery.WindowMinutes)
            .Select(i => windowStart.AddMinutes(i))
            .Select(minute => new ThroughputMinuteDto(minute,
                Count(finished, minute, AgentTaskStatus.Completed),
                Count(finished, minute, AgentTaskStatus.Failed),
                Count(finished, minute, AgentTaskStatus.Cancelled)))
            .ToList();

        return new TaskQueueOverviewDto(now, GetTaskQueueOverviewQuery.WindowMinutes, TaskStateMachine.Active.ToList(),
            depth.OrderBy(d => d.RuntimeId).ThenBy(d => StatusOrder(d.Status)).Select(d => new QueueDepthDto(d.RuntimeId, d.Status, d.Count)).ToList(),
            stuck.Select(t => ToDto(t, t.RuntimeStatus == RuntimeStatus.Offline
                ? GetTaskQueueOverviewQuery.ReasonRuntimeOffline
                : GetTaskQueueOverviewQuery.ReasonNotStarted)).ToList(),
            retried.Select(t => ToDto(t, null)).ToList(),
            throughput);
    }

    private static int StatusOrder(string status)
    {
        var index = TaskStateMachine.Active.ToList().IndexOf(status);
        return index < 0 ? int.MaxValue : index;
    }

    private static long Count(IReadOnlyList<FinishedMinuteRow> rows, DateTime minute, string status) =>
        rows.Where(r => r.Minute == minute && r.Status == status).Sum(r => r.Count);

    private static QueueTaskDto ToDto(QueueTaskRow t, string? reason) =>
        new(t.Id, t.RuntimeId, t.AgentId, t.IssueId, t.Status, t.Attempt, t.MaxAttempts, t.FailureReason, t.ParentTaskId,
            t.CreatedAt, t.DispatchedAt, t.StartedAt, t.CompletedAt, reason);
}
