using Multica.Domain.Entities;

namespace Multica.Application.Tasks;

/// <summary>Why an enqueue did not happen (agent archived, duplicate pending task, …); callers decide whether to surface it.</summary>
public sealed class TaskEnqueueException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The enqueue entry points of the task lifecycle (docs/lifecycle.md). The control plane calls
/// these; each commits its own transaction (or joins the caller's) and then publishes the events
/// and wakes the runtime's daemon.
/// </summary>
public interface ITaskEnqueueService
{
    /// <summary>
    /// Issue task for <paramref name="agentId"/> (assignment, status out of backlog, comment trigger,
    /// @mention, rerun, autopilot create_issue). Priority from the issue. Throws
    /// <see cref="TaskEnqueueException"/> (agent archived, missing, duplicate pending task…).
    /// </summary>
    Task<AgentTask> EnqueueForIssueAsync(Guid issueId, Guid agentId, Guid? triggerCommentId, CancellationToken ct);

    /// <summary>
    /// The same, for an issue and an agent the caller has just written or read (issue create and update): the
    /// same checks, without reading them again.
    /// </summary>
    Task<AgentTask> EnqueueForIssueAsync(Issue issue, Agent agent, Guid? triggerCommentId, CancellationToken ct);

    /// <summary>
    /// The first task of an issue being created (create issue), for an agent the caller has read: the checks of
    /// <see cref="EnqueueForIssueAsync(Issue, Agent, Guid?, CancellationToken)"/>, but nothing is written. The caller
    /// inserts it with the issue (<c>IIssueRepository.CreateAsync</c>: one round trip, one commit) and then calls
    /// <see cref="Announce"/>. Throws <see cref="TaskEnqueueException"/>.
    /// </summary>
    AgentTask FirstTaskFor(Issue issue, Agent agent);

    /// <summary>Wakes the daemon serving the task's runtime once the inserted task is visible (after the caller's commit).</summary>
    void Announce(AgentTask task);

    /// <summary>Chat task (priority 2) for the session's agent. Throws <see cref="TaskEnqueueException"/>.</summary>
    Task<AgentTask> EnqueueChatTaskAsync(Guid chatSessionId, CancellationToken ct);

    /// <summary>Autopilot run_only task (priority 0, no issue). Throws <see cref="TaskEnqueueException"/>.</summary>
    Task<AgentTask> EnqueueAutopilotRunAsync(Guid autopilotRunId, Guid agentId, CancellationToken ct);
}
