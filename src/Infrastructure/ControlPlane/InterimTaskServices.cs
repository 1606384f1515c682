using Microsoft.EntityFrameworkCore;
using Multica.Application.Common.Interfaces;
using Multica.Application.Tasks;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Infrastructure.Persistence;

namespace Multica.Infrastructure.ControlPlane;

// interim: replaced by the daemon protocol's implementation.
// Registered with TryAdd, so the task lifecycle's own registration wins once it is merged. It covers only
// what the control plane needs: the §3.1 checks, priority mapping, the unique pending index and cancels
// that set completed_at. No events, no agent-status reconciliation.
public sealed class InterimTaskServices(MulticaDbContext db, IDaemonWakeups wakeups, TimeProvider time)
    : ITaskEnqueueService, ITaskCancellationService
{
    public async Task<AgentTask> EnqueueForIssueAsync(Guid issueId, Guid agentId, Guid? triggerCommentId, CancellationToken ct)
    {
        var agent = await ReadyAgentAsync(agentId, ct);
        var priority = await db.Issues.Where(i => i.Id == issueId).Select(i => i.Priority).FirstOrDefaultAsync(ct)
            ?? throw new TaskEnqueueException("load issue: not found");
        return await InsertAsync(new AgentTask
        {
            AgentId = agent.Id, RuntimeId = agent.RuntimeId, IssueId = issueId, TriggerCommentId = triggerCommentId,
            Priority = TaskPriorities.ForIssue(priority),
        }, ct);
    }

    public async Task<AgentTask> EnqueueChatTaskAsync(Guid chatSessionId, CancellationToken ct)
    {
        var agentId = await db.ChatSessions.Where(s => s.Id == chatSessionId).Select(s => (Guid?)s.AgentId).FirstOrDefaultAsync(ct)
            ?? throw new TaskEnqueueException("load chat session: not found");
        var agent = await ReadyAgentAsync(agentId, ct);
        return await InsertAsync(new AgentTask
        {
            AgentId = agent.Id, RuntimeId = agent.RuntimeId, ChatSessionId = chatSessionId, Priority = TaskPriorities.Chat,
        }, ct);
    }

    public async Task<AgentTask> EnqueueAutopilotRunAsync(Guid autopilotRunId, Guid agentId, CancellationToken ct)
    {
        var agent = await ReadyAgentAsync(agentId, ct);
        return await InsertAsync(new AgentTask
        {
            AgentId = agent.Id, RuntimeId = agent.RuntimeId, AutopilotRunId = autopilotRunId, Priority = TaskPriorities.AutopilotRunOnly,
        }, ct);
    }

    public async Task<AgentTask?> CancelTaskAsync(Guid taskId, CancellationToken ct)
    {
        await ActiveTasks().Where(t => t.Id == taskId).ExecuteUpdateAsync(Cancel(), ct);
        return await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
    }

    public Task<int> CancelActiveTasksForIssueAsync(Guid issueId, Guid? agentId, CancellationToken ct) =>
        ActiveTasks().Where(t => t.IssueId == issueId && (agentId == null || t.AgentId == agentId)).ExecuteUpdateAsync(Cancel(), ct);

    public Task<int> CancelActiveTasksForAgentAsync(Guid agentId, CancellationToken ct) =>
        ActiveTasks().Where(t => t.AgentId == agentId).ExecuteUpdateAsync(Cancel(), ct);

    private IQueryable<AgentTask> ActiveTasks() => db.Tasks.Where(t => AgentTaskStatus.Active.Contains(t.Status));

    private Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<AgentTask>> Cancel()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return s => s.SetProperty(t => t.Status, AgentTaskStatus.Cancelled).SetProperty(t => t.CompletedAt, now);
    }

    private async Task<Agent> ReadyAgentAsync(Guid agentId, CancellationToken ct)
    {
        var agent = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agentId, ct)
            ?? throw new TaskEnqueueException("load agent: not found");
        if (agent.ArchivedAt is not null)
            throw new TaskEnqueueException("agent is archived");
        return agent;
    }

    private async Task<AgentTask> InsertAsync(AgentTask task, CancellationToken ct)
    {
        task.Id = Guid.NewGuid();
        task.Status = AgentTaskStatus.Queued;
        task.CreatedAt = time.GetUtcNow().UtcDateTime;
        task.Attempt = 1;
        task.MaxAttempts = 2;
        db.Tasks.Add(task);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (PostgresErrors.IsUniqueViolation(ex))
        {
            throw new TaskEnqueueException("create task: a pending task already exists for this agent and issue", ex);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        wakeups.TaskAvailable(task.RuntimeId, task.Id);
        return task;
    }
}
