using Multica.Domain.Entities;

namespace Multica.Application.Tasks.Finishing;

/// <summary>One finished task as the finish pipeline sees it.</summary>
/// <param name="Output">The redacted output of a completed task (empty otherwise).</param>
/// <param name="Error">The redacted error a daemon reported (empty otherwise).</param>
public sealed record FinishedTask(AgentTask Task, FinishCause Cause, Guid? WorkspaceId, string Output = "", string Error = "")
{
    /// <summary>The retry queued for this task by the retry step, if any.</summary>
    public AgentTask? Retry { get; set; }
}
