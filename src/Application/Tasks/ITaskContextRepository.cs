using Multica.Domain.Entities;

namespace Multica.Application.Tasks;

/// <summary>The rows around tasks that the lifecycle reads and writes (agents, issues, comments, chat, autopilot runs).</summary>
public interface ITaskContextRepository
{
    /// <summary>One task_failed inbox item per member subscriber of the issue; returns the items created.</summary>
    Task<IReadOnlyList<InboxItem>> NotifyTaskFailedAsync(Guid issueId, Guid agentId, DateTime now, CancellationToken ct);

    Task<Agent?> FindAgentAsync(Guid agentId, CancellationToken ct);
    /// <summary>
    /// One statement: the agent's status becomes <paramref name="busyStatus"/> while it has a task in flight, else
    /// <paramref name="idleStatus"/>, written (bumping updated_at) only when it changes; returns the agent's row.
    /// </summary>
    Task<Agent?> ReconcileAgentStatusAsync(Guid agentId, string busyStatus, string idleStatus, DateTime now, CancellationToken ct);
    Task<Issue?> FindIssueAsync(Guid issueId, CancellationToken ct);
    /// <summary>Issue by UUID or by "PREFIX-N" identifier (prefix not compared), inside one workspace.</summary>
    Task<Issue?> FindIssueByReferenceAsync(Guid workspaceId, string reference, CancellationToken ct);
    Task<Workspace?> FindWorkspaceAsync(Guid workspaceId, CancellationToken ct);
    Task<ChatSession?> FindChatSessionAsync(Guid chatSessionId, CancellationToken ct);
    Task<AutopilotRun?> FindAutopilotRunAsync(Guid runId, CancellationToken ct);
    Task<Comment?> FindCommentAsync(Guid commentId, CancellationToken ct);
    /// <summary>Workspace of a task (issue → chat session → autopilot run), or null.</summary>
    Task<Guid?> ResolveTaskWorkspaceAsync(AgentTask task, CancellationToken ct);

    Task<IReadOnlyDictionary<int, Guid>> FindIssueIdsByNumberAsync(Guid workspaceId, IReadOnlyCollection<int> numbers, CancellationToken ct);
    Task InsertCommentAsync(Comment comment, CancellationToken ct);

    /// <summary>Stores the assistant reply and marks the session unread if it was not.</summary>
    Task InsertAssistantMessageAsync(Guid chatSessionId, Guid taskId, string content, DateTime now, CancellationToken ct);

    /// <summary>Finishes a run still in progress; returns it, or null when it was already finished or missing.</summary>
    Task<AutopilotRun?> FinishAutopilotRunAsync(Guid runId, string status, string? resultJson, string? failureReason, DateTime now, CancellationToken ct);
    Task SetAutopilotRunTaskAsync(Guid runId, Guid taskId, CancellationToken ct);

    /// <summary>in_progress → todo when the issue has no active task left; the updated issue or null.</summary>
    Task<Issue?> ResetIssueToTodoIfIdleAsync(Guid issueId, DateTime now, CancellationToken ct);
}
