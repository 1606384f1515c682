using Multica.Application.Tasks.Events;
using Multica.Application.Common;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Tasks.Lifecycle;

/// <summary>Realtime event type names used by the task machinery.</summary>
public static class TaskEventNames
{
    public const string TaskDispatch = "task:dispatch";
    public const string TaskProgress = "task:progress";
    public const string TaskMessage = "task:message";
    public const string TaskCompleted = "task:completed";
    public const string TaskFailed = "task:failed";
    public const string TaskCancelled = "task:cancelled";
    public const string AgentStatusChanged = "agent:status";
    public const string CommentCreated = "comment:created";
    public const string ChatDone = "chat:done";
    public const string AutopilotRunDone = "autopilot:run_done";
    public const string DaemonRegister = "daemon:register";
}

/// <summary>
/// Publishes the task machinery's realtime events with the payloads of docs/lifecycle.md —
/// one place for the event names and shapes. Events without a workspace are not published
/// (the realtime layer would drop them anyway). Inside a transaction an event waits for the commit.
/// </summary>
public sealed class TaskEvents(IEventPublisher publisher, ITransactionRunner transactions)
{

    /// <summary>Claim: the task's legacy context object (if any) with the routing keys set on top.</summary>
    public void Dispatched(AgentTask task, Guid? workspaceId)
    {
        if (workspaceId is null)
            return;
        var payload = new Dictionary<string, object?>();
        if (JsonText.ParseOrNull(task.Context) is { ValueKind: System.Text.Json.JsonValueKind.Object } context)
            foreach (var property in context.EnumerateObject())
                payload[property.Name] = property.Value.Clone();
        payload["task_id"] = task.Id.ToString();
        payload["runtime_id"] = task.RuntimeId.ToString();
        payload["issue_id"] = task.IssueId?.ToString() ?? "";
        payload["agent_id"] = task.AgentId.ToString();
        Publish(TaskEventNames.TaskDispatch, payload, workspaceId);
    }

    /// <summary>A retry child was queued (generic task-event shape).</summary>
    public void RetryQueued(AgentTask child, Guid? workspaceId) => Publish(TaskEventNames.TaskDispatch, StatusPayload(child), workspaceId);

    /// <summary>task:completed / task:failed / task:cancelled. failure_reason is added on failures (additive superset).</summary>
    public void Finished(AgentTask task, Guid? workspaceId)
    {
        var type = task.Status switch
        {
            AgentTaskStatus.Completed => TaskEventNames.TaskCompleted,
            AgentTaskStatus.Failed => TaskEventNames.TaskFailed,
            _ => TaskEventNames.TaskCancelled,
        };
        var failureReason = task.Status != AgentTaskStatus.Failed ? null
            : string.IsNullOrEmpty(task.FailureReason) ? FailureReason.AgentError : task.FailureReason;
        Publish(type, StatusPayload(task, failureReason), workspaceId);
    }

    /// <summary>activity:created {issue_id, entry} for the issue's timeline.</summary>
    public void ActivityCreated(ActivityLog entry) => Publish("activity:created", new Dictionary<string, object?>
    {
        ["issue_id"] = entry.IssueId?.ToString() ?? "",
        ["entry"] = new Dictionary<string, object?>
        {
            ["type"] = "activity",
            ["id"] = entry.Id.ToString(),
            ["actor_type"] = entry.ActorType,
            ["actor_id"] = entry.ActorId?.ToString(),
            ["action"] = entry.Action,
            ["details"] = new Dictionary<string, object?>(),
            ["created_at"] = entry.CreatedAt,
        },
    }, entry.WorkspaceId);

    /// <summary>inbox:new {item} — a personal event: only the recipient's sockets receive it.</summary>
    public void InboxNew(InboxItem item) => Send(new RealtimeEvent("inbox:new", new Dictionary<string, object?>
    {
        ["item"] = new Dictionary<string, object?>
        {
            ["id"] = item.Id.ToString(),
            ["workspace_id"] = item.WorkspaceId.ToString(),
            ["recipient_type"] = item.RecipientType,
            ["recipient_id"] = item.RecipientId.ToString(),
            ["type"] = item.Type,
            ["severity"] = item.Severity,
            ["issue_id"] = item.IssueId?.ToString(),
            ["title"] = item.Title,
            ["body"] = item.Body,
            ["read"] = item.Read,
            ["archived"] = item.Archived,
            ["actor_type"] = item.ActorType,
            ["actor_id"] = item.ActorId?.ToString(),
            ["created_at"] = item.CreatedAt,
        },
    }, item.WorkspaceId, item.ActorType, item.ActorId, UserId: item.RecipientId));

    public void Progress(string taskId, string summary, int step, int total, Guid? workspaceId) =>
        Publish(TaskEventNames.TaskProgress,
            new TaskProgressPayload(taskId, summary, step != 0 ? step : null, total != 0 ? total : null), workspaceId);

    public void Message(TaskMessageDto message, Guid? workspaceId) => Publish(TaskEventNames.TaskMessage, message, workspaceId);

    public void AgentStatus(Agent agent) =>
        Publish(TaskEventNames.AgentStatusChanged, new Dictionary<string, object?> { ["agent"] = AgentSummary(agent) }, agent.WorkspaceId);

    public void CommentCreated(Comment comment, Issue issue) => Send(new RealtimeEvent(
        TaskEventNames.CommentCreated,
        new Dictionary<string, object?>
        {
            ["comment"] = new Dictionary<string, object?>
            {
                ["id"] = comment.Id.ToString(),
                ["issue_id"] = comment.IssueId.ToString(),
                ["author_type"] = comment.AuthorType,
                ["author_id"] = comment.AuthorId.ToString(),
                ["content"] = comment.Content,
                ["type"] = comment.Type,
                ["parent_id"] = comment.ParentId?.ToString(),
                ["created_at"] = WireTime.Format(comment.CreatedAt),
            },
            ["issue_title"] = issue.Title,
            ["issue_status"] = issue.Status,
        },
        issue.WorkspaceId, ActorType.Agent, comment.AuthorId));

    public void ChatDone(Guid chatSessionId, Guid taskId, string content, Guid workspaceId) =>
        Publish(TaskEventNames.ChatDone, new ChatDonePayload(chatSessionId.ToString(), taskId.ToString(), content), workspaceId);

    public void AutopilotRunDone(AutopilotRun run, Guid workspaceId) =>
        Publish(TaskEventNames.AutopilotRunDone,
            new AutopilotRunDonePayload(run.Id.ToString(), run.AutopilotId.ToString(), run.Status), workspaceId);

    /// <summary>daemon:register with {"runtimes": […]} or {"action": …}: the "runtime list changed, refetch" signal.</summary>
    public void DaemonRegister(Guid workspaceId, object payload) => Publish(TaskEventNames.DaemonRegister, payload, workspaceId);

    private static TaskStatusPayload StatusPayload(AgentTask task, string? failureReason = null) =>
        new(task.Id.ToString(), task.AgentId.ToString(), task.IssueId?.ToString() ?? "", task.Status,
            task.ChatSessionId?.ToString(), failureReason);

    /// <summary>The agent shape the task machinery publishes in agent:status (skills always empty).</summary>
    public static Dictionary<string, object?> AgentSummary(Agent a) => new()
    {
        ["id"] = a.Id.ToString(),
        ["workspace_id"] = a.WorkspaceId.ToString(),
        ["runtime_id"] = a.RuntimeId.ToString(),
        ["name"] = a.Name,
        ["description"] = a.Description,
        ["avatar_url"] = a.AvatarUrl,
        ["runtime_mode"] = a.RuntimeMode,
        ["runtime_config"] = JsonText.ParseOrNull(a.RuntimeConfig),
        ["visibility"] = a.Visibility,
        ["status"] = a.Status,
        ["max_concurrent_tasks"] = a.MaxConcurrentTasks,
        ["owner_id"] = a.OwnerId?.ToString(),
        ["skills"] = Array.Empty<object>(),
        ["created_at"] = WireTime.Format(a.CreatedAt),
        ["updated_at"] = WireTime.Format(a.UpdatedAt),
        ["archived_at"] = WireTime.Format(a.ArchivedAt),
        ["archived_by"] = a.ArchivedBy?.ToString(),
    };

    private void Publish(string type, object payload, Guid? workspaceId)
    {
        if (workspaceId is null)
            return;
        Send(new RealtimeEvent(type, payload, workspaceId, ActorType.System));
    }

    private void Send(RealtimeEvent evt) => transactions.AfterCommit(() => publisher.Publish(evt));
}
