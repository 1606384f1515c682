using Microsoft.Extensions.Logging;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Tasks.Finishing;

/// <summary>The first completed task of an issue stamps first_executed_at and sends issue_executed.</summary>
public sealed class IssueExecutedAnalyticsStep(IAnalytics analytics, TimeProvider time, ILogger<IssueExecutedAnalyticsStep> logger)
    : ITaskFinishStep
{
    public ValueTask<Func<Task>?> QueueAsync(FinishedTask finished, FinishBatch batch, IFinishStatements statements, CancellationToken ct)
    {
        var completed = finished.Task;
        if (finished.Cause != FinishCause.Completed || completed.IssueId is not { } issueId)
            return FinishTurn.None;
        var stamped = statements.StampFirstExecuted(issueId, time.GetUtcNow().UtcDateTime);
        return FinishTurn.Of(FinishTurn.OnAnswer(logger, "first execution stamp", completed.Id, stamped, issue =>
        {
            if (issue is not null)
                Capture(issue, completed);
        }));
    }

    private void Capture(Issue issue, AgentTask completed) =>
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
