using Microsoft.Extensions.Logging;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Constants;

namespace Multica.Application.Tasks.Finishing;

/// <summary>A daemon-reported failure that is not retried leaves its error as a system comment on the issue.</summary>
public sealed class FailureCommentStep(ITaskContextRepository context, AgentCommentWriter comments, ILogger<FailureCommentStep> logger)
    : TurnFinishStep
{
    public override async Task RunAsync(FinishedTask finished, FinishBatch batch, CancellationToken ct)
    {
        var task = finished.Task;
        if (finished.Cause != FinishCause.Failed || finished.Retry is not null || finished.Error.Length == 0 || task.IssueId is not { } issueId)
            return;
        var issue = await context.FindIssueAsync(issueId, ct);
        if (issue is not null)
            await BestEffort.RunAsync(logger, "system comment", task.Id,
                () => comments.PostAsync(issue, task.AgentId, finished.Error, CommentType.System, task.TriggerCommentId, ct));
    }
}
