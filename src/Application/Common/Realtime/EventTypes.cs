namespace Multica.Application.Common.Realtime;

/// <summary>
/// Every realtime event type the server publishes to web clients (the "type" of a /ws frame), in one list.
/// Payload shapes are the typed records next to each publisher; docs/realtime.md describes both.
/// </summary>
public static class EventTypes
{
    public const string ActivityCreated = "activity:created";

    public const string AgentArchived = "agent:archived";
    public const string AgentCreated = "agent:created";
    public const string AgentRestored = "agent:restored";
    public const string AgentStatus = "agent:status";

    public const string AutopilotCreated = "autopilot:created";
    public const string AutopilotDeleted = "autopilot:deleted";
    public const string AutopilotRunDone = "autopilot:run_done";
    public const string AutopilotRunStart = "autopilot:run_start";
    public const string AutopilotUpdated = "autopilot:updated";

    public const string ChatDone = "chat:done";
    public const string ChatMessage = "chat:message";
    public const string ChatSessionRead = "chat:session_read";

    public const string CommentCreated = "comment:created";
    public const string CommentDeleted = "comment:deleted";
    public const string CommentUpdated = "comment:updated";

    public const string DaemonRegister = "daemon:register";

    public const string InboxArchived = "inbox:archived";
    public const string InboxBatchArchived = "inbox:batch-archived";
    public const string InboxBatchRead = "inbox:batch-read";
    public const string InboxNew = "inbox:new";
    public const string InboxRead = "inbox:read";

    public const string InvitationAccepted = "invitation:accepted";
    public const string InvitationCreated = "invitation:created";
    public const string InvitationDeclined = "invitation:declined";
    public const string InvitationRevoked = "invitation:revoked";

    public const string IssueCreated = "issue:created";
    public const string IssueDeleted = "issue:deleted";
    public const string IssueUpdated = "issue:updated";

    public const string IssueReactionAdded = "issue_reaction:added";
    public const string IssueReactionRemoved = "issue_reaction:removed";

    public const string MemberAdded = "member:added";
    public const string MemberRemoved = "member:removed";
    public const string MemberUpdated = "member:updated";

    public const string PinCreated = "pin:created";
    public const string PinDeleted = "pin:deleted";
    public const string PinReordered = "pin:reordered";

    public const string ProjectCreated = "project:created";
    public const string ProjectDeleted = "project:deleted";
    public const string ProjectUpdated = "project:updated";

    public const string ReactionAdded = "reaction:added";
    public const string ReactionRemoved = "reaction:removed";

    public const string SkillCreated = "skill:created";
    public const string SkillDeleted = "skill:deleted";
    public const string SkillUpdated = "skill:updated";

    public const string SubscriberAdded = "subscriber:added";
    public const string SubscriberRemoved = "subscriber:removed";

    public const string TaskCancelled = "task:cancelled";
    public const string TaskCompleted = "task:completed";
    public const string TaskDispatch = "task:dispatch";
    public const string TaskFailed = "task:failed";
    public const string TaskMessage = "task:message";
    public const string TaskProgress = "task:progress";
    public const string TaskWaitingLocalDirectory = "task:waiting_local_directory";

    public const string WorkspaceDeleted = "workspace:deleted";
    public const string WorkspaceUpdated = "workspace:updated";
}
