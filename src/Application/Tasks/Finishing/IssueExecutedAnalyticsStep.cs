using Multica.Application.Common.Interfaces;
using Multica.Domain.Constants;

namespace Multica.Application.Tasks.Finishing;

/// <summary>The first completed task of an issue stamps first_executed_at and sends issue_executed.</summary>
public sealed class IssueExecutedAnalyticsStep(ITaskContextRepository context, IAnalytics analytics, TimeProvider time) : ITaskFinishStep
{
    public async Task RunAsync(FinishedTask finished, FinishBatch batch, CancellationToken ct)
    {
        var completed = finished.Task;
        if (finished.Cause != FinishCause.Completed || completed.IssueId is not { } issueId
            || await context.StampFirstExecutedAsync(issueId, time.GetUtcNow().UtcDateTime, ct) is not { } issue)
            return;
        analytics.Capture(new AnalyticsEvent("issue_executed",
            issue.CreatorType == ActorType.Agent ? $"agent:{issue.CreatorId}" : issue.CreatorId.ToString(),
            issue.WorkspaceId,
            new Dictionary<string, object?>
            {
                ["issue_id"] = issue.Id.ToString(),
                ["task_duration_ms"] = completed is { StartedAt: { } started, CompletedAt: { } done }
                    ? (long)(done - started).TotalMilliseconds : 0L,
            }));
    }
}
