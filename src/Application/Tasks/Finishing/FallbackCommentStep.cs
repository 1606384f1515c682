using Microsoft.Extensions.Logging;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Tasks.Finishing;

/// <summary>Invariant: every completed issue task leaves at least one agent comment the user can see.</summary>
public sealed class FallbackCommentStep(AgentCommentWriter comments, TaskEvents events, ILogger<FallbackCommentStep> logger)
    : ITaskFinishStep
{
    public async ValueTask<Func<Task>?> QueueAsync(FinishedTask finished, FinishBatch batch, IFinishStatements statements, CancellationToken ct)
    {
        var task = finished.Task;
        if (finished.Cause != FinishCause.Completed || task.IssueId is not { } issueId || finished.WorkspaceId is not { } workspaceId
            || finished.Output.Length == 0)
            return null;
        Comment? comment = null;
        await BestEffort.RunAsync(logger, "fallback comment", task.Id, async () =>
            comment = await comments.NewAsync(issueId, workspaceId, task.AgentId, finished.Output, CommentType.Comment, task.TriggerCommentId, ct));
        if (comment is null)
            return null;
        // Not written when the agent commented since the run started, or the issue is gone: nothing to add.
        var posted = statements.InsertCommentUnlessAgentCommented(comment, task.StartedAt);
        return FinishTurn.OnAnswer(logger, "fallback comment", task.Id, posted, issue =>
        {
            if (issue is not null)
                events.CommentCreated(comment, issue);
        });
    }
}
