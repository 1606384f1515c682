using Multica.Domain.Entities;

namespace Multica.Application.Tasks;

/// <summary>Cancels (docs/lifecycle.md). Every cancel sets completed_at, publishes, and reconciles agent status.</summary>
public interface ITaskCancellationService
{
    /// <summary>Single cancel of an active task; null when the task does not exist. Terminal tasks are returned unchanged.</summary>
    Task<AgentTask?> CancelTaskAsync(Guid taskId, CancellationToken ct);

    /// <summary>Bulk cancel of every active task of the issue (optionally only one agent's). Returns the count.</summary>
    Task<int> CancelActiveTasksForIssueAsync(Guid issueId, Guid? agentId, CancellationToken ct);

    /// <summary>Bulk cancel of every active task of the agent (archive). Returns the count.</summary>
    Task<int> CancelActiveTasksForAgentAsync(Guid agentId, CancellationToken ct);
}
