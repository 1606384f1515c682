namespace Multica.Domain.Constants;

// The text values stored in CHECK-constrained columns. They are also the wire values.

public static class AgentTaskStatus
{
    public const string Queued = "queued";
    public const string Dispatched = "dispatched";
    public const string WaitingLocalDirectory = "waiting_local_directory";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly string[] All = [Queued, Dispatched, WaitingLocalDirectory, Running, Completed, Failed, Cancelled];
}

public static class FailureReason
{
    public const string AgentError = "agent_error";
    public const string Timeout = "timeout";
    public const string RuntimeOffline = "runtime_offline";
    public const string RuntimeRecovery = "runtime_recovery";
    public const string Manual = "manual";
}

public static class AgentStatus
{
    public const string Idle = "idle";
    public const string Working = "working";
    public const string Blocked = "blocked";
    public const string Error = "error";
    public const string Offline = "offline";
    public static readonly string[] All = [Idle, Working, Blocked, Error, Offline];
}

public static class RuntimeStatus
{
    public const string Online = "online";
    public const string Offline = "offline";
}

public static class RuntimeMode
{
    public const string Local = "local";
    public const string Cloud = "cloud";
}

public static class AgentVisibility
{
    public const string Workspace = "workspace";
    public const string Private = "private";
}

public static class MemberRole
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Member = "member";
    public static readonly string[] All = [Owner, Admin, Member];

    /// <summary>Owners and admins may manage what other members own (agents, skills, runtimes, comments).</summary>
    public static bool IsOwnerOrAdmin(string? role) => role is Owner or Admin;
}

public static class ActorType
{
    public const string Member = "member";
    public const string Agent = "agent";
    public const string System = "system";
}

public static class IssueStatus
{
    public const string Backlog = "backlog";
    public const string Todo = "todo";
    public const string InProgress = "in_progress";
    public const string InReview = "in_review";
    public const string Done = "done";
    public const string Blocked = "blocked";
    public const string Cancelled = "cancelled";
    public static readonly string[] All = [Backlog, Todo, InProgress, InReview, Done, Blocked, Cancelled];
}

public static class IssuePriority
{
    public const string Urgent = "urgent";
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";
    public const string None = "none";
    public static readonly string[] All = [Urgent, High, Medium, Low, None];
}

public static class CommentType
{
    public const string Comment = "comment";
    public const string StatusChange = "status_change";
    public const string ProgressUpdate = "progress_update";
    public const string System = "system";
    public static readonly string[] All = [Comment, StatusChange, ProgressUpdate, System];
}

public static class ChatSessionStatus
{
    public const string Active = "active";
    public const string Archived = "archived";
}

public static class ChatRole
{
    public const string User = "user";
    public const string Assistant = "assistant";
}

public static class AutopilotStatus
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Archived = "archived";
    public static readonly string[] All = [Active, Paused, Archived];
}

public static class AutopilotExecutionMode
{
    public const string CreateIssue = "create_issue";
    public const string RunOnly = "run_only";
    public static readonly string[] All = [CreateIssue, RunOnly];
}

public static class AutopilotRunStatus
{
    public const string IssueCreated = "issue_created";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

public static class AutopilotRunSource
{
    public const string Schedule = "schedule";
    public const string Manual = "manual";
    public const string Webhook = "webhook";
    public const string Api = "api";
}
