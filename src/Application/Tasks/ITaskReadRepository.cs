using Multica.Domain.Entities;

namespace Multica.Application.Tasks;

/// <summary>Task reads the control plane needs (docs/lifecycle.md).</summary>
public interface ITaskReadRepository
{
    Task<AgentTask?> FindAsync(Guid taskId, CancellationToken ct);

    /// <summary>All tasks of the agent, newest first.</summary>
    Task<IReadOnlyList<AgentTask>> ListForAgentAsync(Guid agentId, CancellationToken ct);

    /// <summary>Any queued/dispatched task of that agent on that issue.</summary>
    Task<bool> HasPendingAsync(Guid issueId, Guid agentId, CancellationToken ct);

    /// <summary>Most recent active task of a chat session.</summary>
    Task<AgentTask?> LatestActiveForChatSessionAsync(Guid chatSessionId, CancellationToken ct);

    /// <summary>Active tasks of every chat session the user created in the workspace, newest first.</summary>
    Task<IReadOnlyList<AgentTask>> ActiveForUserChatSessionsAsync(Guid userId, Guid workspaceId, CancellationToken ct);

    /// <summary>The workspace of a task: through its issue, else its chat session, else its autopilot run.</summary>
    Task<Guid?> ResolveWorkspaceIdAsync(AgentTask task, CancellationToken ct);
}
