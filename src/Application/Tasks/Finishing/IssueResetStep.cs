using Microsoft.Extensions.Logging;
using Multica.Domain.Constants;

namespace Multica.Application.Tasks.Finishing;

/// <summary>
/// An issue left in_progress by an infrastructure failure that was not retried goes back to todo once no
/// task of it is active (checked once per issue in a batch).
/// </summary>
public sealed class IssueResetStep(ITaskContextRepository context, TimeProvider time, ILogger<IssueResetStep> logger) : TurnFinishStep
{
    public override async Task RunAsync(FinishedTask finished, FinishBatch batch, CancellationToken ct)
    {
        var task = finished.Task;
        if (finished.Cause != FinishCause.InfrastructureFailed || task.IssueId is not { } issueId
            || batch.RetriedIssues.Contains(issueId) || !batch.ResetIssues.Add(issueId))
            return;
        if (!batch.Issues.TryGetValue(issueId, out var issue))
            batch.Issues[issueId] = issue = await context.FindIssueAsync(issueId, ct);
        if (issue?.Status == IssueStatus.InProgress)
            await BestEffort.RunAsync(logger, "issue reset", task.Id,
                () => context.ResetIssueToTodoIfIdleAsync(issueId, time.GetUtcNow().UtcDateTime, ct));
    }
}
