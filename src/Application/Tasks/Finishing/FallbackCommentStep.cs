using Microsoft.Extensions.Logging;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Constants;

namespace Multica.Application.Tasks.Finishing;

/// <summary>Invariant: every completed issue task leaves at least one agent comment the user can see.</summary>
public sealed class FallbackCommentStep(ITaskContextRepository context, AgentCommentWriter comments, ILogger<FallbackCommentStep> logger)
    : ITaskFinishStep
{
    public async Task RunAsync(FinishedTask finished, FinishBatch batch, CancellationToken ct)
    {
        var task = finished.Task;
        if (finished.Cause != FinishCause.Completed || task.IssueId is not { } issueId || finished.Output.Length == 0)
            return;
        // Null when the agent commented since the run started (or the issue is gone): nothing to add.
        var issue = await context.FindIssueUnlessAgentCommentedAsync(issueId, task.AgentId, task.StartedAt, ct);
        if (issue is not null)
            await BestEffort.RunAsync(logger, "fallback comment", task.Id,
                () => comments.PostAsync(issue, task.AgentId, finished.Output, CommentType.Comment, task.TriggerCommentId, ct));
    }
}
