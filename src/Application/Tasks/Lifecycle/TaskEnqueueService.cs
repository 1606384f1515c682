using Multica.Application.Tasks.StateMachine;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Domain.Tasks;

namespace Multica.Application.Tasks.Lifecycle;

/// <summary>
/// The enqueue entry points (docs/lifecycle.md): common agent checks, one insert on the agent's
/// current runtime, then a wake-up for the daemon serving that runtime.
/// </summary>
public sealed class TaskEnqueueService(
    ITaskRepository tasks,
    ITaskContextRepository context,
    IDaemonWakeups wakeups,
    ITransactionRunner transactions,
    TimeProvider time) : ITaskEnqueueService
{
    public async Task<AgentTask> EnqueueForIssueAsync(Guid issueId, Guid agentId, Guid? triggerCommentId, CancellationToken ct)
    {
        var issue = await context.FindIssueAsync(issueId, ct) ?? throw new TaskEnqueueException("load issue: issue not found");
        return await EnqueueForIssueAsync(issue, await FindAgentAsync(agentId, ct), triggerCommentId, ct);
    }

    public Task<AgentTask> EnqueueForIssueAsync(Issue issue, Agent agent, Guid? triggerCommentId, CancellationToken ct) =>
        InsertAsync(ForIssue(issue, agent, triggerCommentId), ct);

    public AgentTask FirstTaskFor(Issue issue, Agent agent) => ForIssue(issue, agent, null);

    public void Announce(AgentTask task) =>
        // Woken inside a transaction, a daemon could claim before the row is visible: wake after commit.
        transactions.AfterCommit(() => wakeups.TaskAvailable(task.RuntimeId, task.Id));

    private AgentTask ForIssue(Issue issue, Agent agent, Guid? triggerCommentId)
    {
        RequireRunnable(agent);
        // A mention of an agent from another workspace must not produce a task the claim would reject.
        if (agent.WorkspaceId != issue.WorkspaceId)
            throw new TaskEnqueueException("agent is not in the issue's workspace");
        var task = NewTask(agent, TaskRules.PriorityForIssue(issue.Priority));
        task.IssueId = issue.Id;
        task.TriggerCommentId = triggerCommentId;
        return task;
    }

    public async Task<AgentTask> EnqueueChatTaskAsync(Guid chatSessionId, CancellationToken ct)
    {
        var session = await context.FindChatSessionAsync(chatSessionId, ct)
            ?? throw new TaskEnqueueException("load chat session: chat session not found");
        var agent = await LoadRunnableAgentAsync(session.AgentId, ct);
        var task = NewTask(agent, TaskRules.ChatPriority);
        task.ChatSessionId = session.Id;
        return await InsertAsync(task, ct);
    }

    public async Task<AgentTask> EnqueueAutopilotRunAsync(Guid autopilotRunId, Guid agentId, CancellationToken ct)
    {
        var agent = await LoadRunnableAgentAsync(agentId, ct);
        var task = NewTask(agent, TaskRules.AutopilotRunPriority);
        task.AutopilotRunId = autopilotRunId;
        task = await InsertAsync(task, ct);
        await context.SetAutopilotRunTaskAsync(autopilotRunId, task.Id, ct);
        return task;
    }

    private async Task<Agent> LoadRunnableAgentAsync(Guid agentId, CancellationToken ct) => RequireRunnable(await FindAgentAsync(agentId, ct));

    private async Task<Agent> FindAgentAsync(Guid agentId, CancellationToken ct) =>
        await context.FindAgentAsync(agentId, ct) ?? throw new TaskEnqueueException("load agent: agent not found");

    private static Agent RequireRunnable(Agent agent)
    {
        if (agent.ArchivedAt is not null)
            throw new TaskEnqueueException("agent is archived");
        if (agent.RuntimeId == Guid.Empty)
            throw new TaskEnqueueException("agent has no runtime");
        return agent;
    }

    private AgentTask NewTask(Agent agent, int priority) => new()
    {
        Id = Guid.NewGuid(),
        AgentId = agent.Id,
        RuntimeId = agent.RuntimeId,
        Priority = priority,
        Status = AgentTaskStatus.Queued,
        CreatedAt = time.GetUtcNow().UtcDateTime,
    };

    private async Task<AgentTask> InsertAsync(AgentTask task, CancellationToken ct)
    {
        var inserted = await tasks.InsertAsync(task, ct)
            ?? throw new TaskEnqueueException("create task: the agent already has a pending task for this issue");
        Announce(inserted);
        return inserted;
    }
}

/// <summary>Cancels for the control plane; all of them set completed_at, publish and reconcile (docs/task-state-machine.md).</summary>
public sealed class TaskCancellationService(TaskTransitionService transitions) : ITaskCancellationService
{
    public Task<AgentTask?> CancelTaskAsync(Guid taskId, CancellationToken ct) => transitions.CancelAsync(taskId, ct);

    public Task<int> CancelActiveTasksForIssueAsync(Guid issueId, Guid? agentId, CancellationToken ct) =>
        transitions.CancelActiveAsync(issueId, agentId, ct);

    public Task<int> CancelActiveTasksForAgentAsync(Guid agentId, CancellationToken ct) =>
        transitions.CancelActiveAsync(null, agentId, ct);
}
