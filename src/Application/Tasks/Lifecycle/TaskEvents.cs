using Multica.Application.Common.Realtime;
using Multica.Application.Tasks.Events;
using Multica.Application.Agents.Events;
using Multica.Application.Comments.Events;
using Multica.Application.Runtimes.Events;
using Multica.Application.Activity.Shared;
using Multica.Application.Common;
using Multica.Application.Inbox.Shared;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Tasks.Lifecycle;

/// <summary>
/// Publishes the task machinery's realtime events with the payloads of docs/lifecycle.md —
/// one place for the event names and shapes. Events without a workspace are not published
/// (the realtime layer would drop them anyway). Inside a transaction an event waits for the commit.
/// </summary>
public sealed class TaskEvents(IEventPublisher publisher, ITransactionRunner transactions)
{

    /// <summary>Claim: the task's stored context object (if any) with the routing keys set on top.</summary>
    public void Dispatched(AgentTask task, Guid? workspaceId) =>
        Publish(EventTypes.TaskDispatch,
            new TaskDispatchPayload(JsonText.ParseOrNull(task.Context), task.Id.ToString(), task.RuntimeId.ToString(),
                task.IssueId?.ToString() ?? "", task.AgentId.ToString()),
            workspaceId);

    /// <summary>A retry child was queued (generic task-event shape).</summary>
    public void RetryQueued(AgentTask child, Guid? workspaceId) => Publish(EventTypes.TaskDispatch, StatusPayload(child), workspaceId);

    /// <summary>task:completed / task:failed / task:cancelled. failure_reason is added on failures (additive superset).</summary>
    public void Finished(AgentTask task, Guid? workspaceId)
    {
        var type = task.Status switch
        {
            AgentTaskStatus.Completed => EventTypes.TaskCompleted,
            AgentTaskStatus.Failed => EventTypes.TaskFailed,
            _ => EventTypes.TaskCancelled,
        };
        var failureReason = task.Status != AgentTaskStatus.Failed ? null
            : string.IsNullOrEmpty(task.FailureReason) ? FailureReason.AgentError : task.FailureReason;
        Publish(type, StatusPayload(task, failureReason), workspaceId);
    }

    /// <summary>activity:created {issue_id, entry} for the issue's timeline.</summary>
    public void ActivityCreated(ActivityLog entry) => Send(ActivityEvents.CreatedEvent(entry, ActorType.System));

    /// <summary>inbox:new {item} — a personal event: only the recipient's sockets receive it.</summary>
    public void InboxNew(InboxItem item) => Send(InboxEvents.NewEvent(item, null));

    public void Progress(string taskId, string summary, int step, int total, Guid? workspaceId) =>
        Publish(EventTypes.TaskProgress,
            new TaskProgressPayload(taskId, summary, step != 0 ? step : null, total != 0 ? total : null), workspaceId);

    public void Message(TaskMessageDto message, Guid? workspaceId) => Publish(EventTypes.TaskMessage, message, workspaceId);

    public void AgentStatus(Agent agent) =>
        Publish(EventTypes.AgentStatus, AgentStatusPayload.Of(agent), agent.WorkspaceId);

    public void CommentCreated(Comment comment, Issue issue) => Send(new RealtimeEvent(
        EventTypes.CommentCreated, AgentCommentCreatedPayload.Of(comment, issue),
        issue.WorkspaceId, ActorType.Agent, comment.AuthorId));

    public void ChatDone(Guid chatSessionId, Guid taskId, string content, Guid workspaceId) =>
        Publish(EventTypes.ChatDone, new ChatDonePayload(chatSessionId.ToString(), taskId.ToString(), content), workspaceId);

    public void AutopilotRunDone(AutopilotRun run, Guid workspaceId) =>
        Publish(EventTypes.AutopilotRunDone,
            new AutopilotRunDonePayload(run.Id.ToString(), run.AutopilotId.ToString(), run.Status), workspaceId);

    /// <summary>daemon:register with {"runtimes": […]} or {"action": …}: the "runtime list changed, refetch" signal.</summary>
    public void DaemonRegister(Guid workspaceId, DaemonRegisterPayload payload) => Publish(EventTypes.DaemonRegister, payload, workspaceId);

    private static TaskStatusPayload StatusPayload(AgentTask task, string? failureReason = null) =>
        TaskStatusPayload.Of(task, task.Status, failureReason);

    private void Publish(string type, object payload, Guid? workspaceId)
    {
        if (workspaceId is null)
            return;
        Send(new RealtimeEvent(type, payload, workspaceId, ActorType.System));
    }

    private void Send(RealtimeEvent evt) => transactions.AfterCommit(() => publisher.Publish(evt));
}
