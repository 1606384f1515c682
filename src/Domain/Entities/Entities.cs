namespace Multica.Domain.Entities;

// Plain persistence-ignorant entities; one class per table of the data model.
// Timestamps are UTC DateTime. jsonb columns are carried as raw JSON text.

public class User
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string? AvatarUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? OnboardedAt { get; set; }
    public string OnboardingQuestionnaire { get; set; } = "{}";
    public string? CloudWaitlistEmail { get; set; }
    public string? CloudWaitlistReason { get; set; }
    public string? StarterContentState { get; set; }
}

public class Workspace
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? Description { get; set; }
    public string Settings { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? Context { get; set; }
    public string Repos { get; set; } = "[]";
    public string IssuePrefix { get; set; } = "";
    public int IssueCounter { get; set; }
}

public class Member
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid UserId { get; set; }
    public string Role { get; set; } = "member";
    public DateTime CreatedAt { get; set; }
}

public class Agent
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public string Name { get; set; } = "";
    public string? AvatarUrl { get; set; }
    public string RuntimeMode { get; set; } = "local";
    public string RuntimeConfig { get; set; } = "{}";
    public string Visibility { get; set; } = "private";
    public string Status { get; set; } = "offline";
    public int MaxConcurrentTasks { get; set; } = 6;
    public Guid? OwnerId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string Description { get; set; } = "";
    public Guid RuntimeId { get; set; }
    public string Instructions { get; set; } = "";
    public DateTime? ArchivedAt { get; set; }
    public Guid? ArchivedBy { get; set; }
    public string CustomEnv { get; set; } = "{}";
    public string CustomArgs { get; set; } = "[]";
    public string? McpConfig { get; set; }
    public string? Model { get; set; }
}

public class AgentRuntime
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public string? DaemonId { get; set; }
    public string Name { get; set; } = "";
    public string RuntimeMode { get; set; } = "local";
    public string Provider { get; set; } = "";
    public string Status { get; set; } = "offline";
    public string DeviceInfo { get; set; } = "";
    public string Metadata { get; set; } = "{}";
    public DateTime? LastSeenAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid? OwnerId { get; set; }
    public string? LegacyDaemonId { get; set; }
}

public class Skill
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Content { get; set; } = "";
    public string Config { get; set; } = "{}";
    public Guid? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public class SkillFile
{
    public Guid Id { get; set; }
    public Guid SkillId { get; set; }
    public string Path { get; set; } = "";
    public string Content { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public class AgentSkill
{
    public Guid AgentId { get; set; }
    public Guid SkillId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A row of agent_task_queue: one unit of work for one agent on one runtime.</summary>
public class AgentTask
{
    public Guid Id { get; set; }
    public Guid AgentId { get; set; }
    public Guid? IssueId { get; set; }
    public string Status { get; set; } = "queued";
    public int Priority { get; set; }
    public DateTime? DispatchedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? Result { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? Context { get; set; }
    public Guid RuntimeId { get; set; }
    public string? SessionId { get; set; }
    public string? WorkDir { get; set; }
    public Guid? TriggerCommentId { get; set; }
    public Guid? ChatSessionId { get; set; }
    public Guid? AutopilotRunId { get; set; }
    public int Attempt { get; set; } = 1;
    public int MaxAttempts { get; set; } = 2;
    public Guid? ParentTaskId { get; set; }
    public string? FailureReason { get; set; }
    public DateTime? LastHeartbeatAt { get; set; }
    // Newer daemon protocol (prepare lease, local-directory wait, cancel-ack).
    public DateTime? PrepareLeaseExpiresAt { get; set; }
    public string? WaitReason { get; set; }
    public string? DurableWorkDir { get; set; }
    public string? BranchName { get; set; }
}

public class Issue
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string Status { get; set; } = "backlog";
    public string Priority { get; set; } = "none";
    public string? AssigneeType { get; set; }
    public Guid? AssigneeId { get; set; }
    public string CreatorType { get; set; } = "member";
    public Guid CreatorId { get; set; }
    public Guid? ParentIssueId { get; set; }
    public string AcceptanceCriteria { get; set; } = "[]";
    public string ContextRefs { get; set; } = "[]";
    public double Position { get; set; }
    public DateTime? DueDate { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Number { get; set; }
    public Guid? ProjectId { get; set; }
    public string? OriginType { get; set; }
    public Guid? OriginId { get; set; }
    public DateTime? FirstExecutedAt { get; set; }
}

public class Comment
{
    public Guid Id { get; set; }
    public Guid IssueId { get; set; }
    public Guid WorkspaceId { get; set; }
    public string AuthorType { get; set; } = "member";
    public Guid AuthorId { get; set; }
    public string Content { get; set; } = "";
    public string Type { get; set; } = "comment";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid? ParentId { get; set; }
}

public class ChatSession
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid AgentId { get; set; }
    public Guid CreatorId { get; set; }
    public string Title { get; set; } = "";
    public string? SessionId { get; set; }
    public string? WorkDir { get; set; }
    public string Status { get; set; } = "active";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? UnreadSince { get; set; }
}

public class ChatMessage
{
    public Guid Id { get; set; }
    public Guid ChatSessionId { get; set; }
    public string Role { get; set; } = "user";
    public string Content { get; set; } = "";
    public Guid? TaskId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class Autopilot
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public Guid AssigneeId { get; set; }
    public string Status { get; set; } = "active";
    public string ExecutionMode { get; set; } = "create_issue";
    public string? IssueTitleTemplate { get; set; }
    public string CreatedByType { get; set; } = "member";
    public Guid CreatedById { get; set; }
    public DateTime? LastRunAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public class AutopilotTrigger
{
    public Guid Id { get; set; }
    public Guid AutopilotId { get; set; }
    public string Kind { get; set; } = "schedule";
    public bool Enabled { get; set; } = true;
    public string? CronExpression { get; set; }
    public string? Timezone { get; set; } = "UTC";
    public DateTime? NextRunAt { get; set; }
    public string? WebhookToken { get; set; }
    public string? Label { get; set; }
    public DateTime? LastFiredAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public class AutopilotRun
{
    public Guid Id { get; set; }
    public Guid AutopilotId { get; set; }
    public Guid? TriggerId { get; set; }
    public string Source { get; set; } = "manual";
    public string Status { get; set; } = "running";
    public Guid? IssueId { get; set; }
    public Guid? TaskId { get; set; }
    public DateTime TriggeredAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? FailureReason { get; set; }
    public string? TriggerPayload { get; set; }
    public string? Result { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class TaskMessage
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }
    public int Seq { get; set; }
    public string Type { get; set; } = "";
    public string? Tool { get; set; }
    public string? Content { get; set; }
    public string? Input { get; set; }
    public string? Output { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class TaskUsage
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }
    public string Provider { get; set; } = "";
    public string Model { get; set; } = "";
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public long CacheReadTokens { get; set; }
    public long CacheWriteTokens { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class DaemonToken
{
    public Guid Id { get; set; }
    public string TokenHash { get; set; } = "";
    public Guid WorkspaceId { get; set; }
    public string DaemonId { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
    // Additive: who minted it and a display prefix, so admins can list and revoke.
    public Guid? CreatedBy { get; set; }
    public string TokenPrefix { get; set; } = "";
}

public class PersonalAccessToken
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public string TokenPrefix { get; set; } = "";
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public bool Revoked { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Task-scoped agent token (mat_): valid only for one task, deleted when it ends.</summary>
public class TaskToken
{
    public Guid Id { get; set; }
    public string TokenHash { get; set; } = "";
    public Guid TaskId { get; set; }
    public Guid AgentId { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid UserId { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class VerificationCode
{
    public Guid Id { get; set; }
    public string Email { get; set; } = "";
    public string Code { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
    public bool Used { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class ActivityLog
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid? IssueId { get; set; }
    public string? ActorType { get; set; }
    public Guid? ActorId { get; set; }
    public string Action { get; set; } = "";
    public string Details { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
}

public class InboxItem
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public string RecipientType { get; set; } = "member";
    public Guid RecipientId { get; set; }
    public string Type { get; set; } = "";
    public string Severity { get; set; } = "info";
    public Guid? IssueId { get; set; }
    public string Title { get; set; } = "";
    public string? Body { get; set; }
    public bool Read { get; set; }
    public bool Archived { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? ActorType { get; set; }
    public Guid? ActorId { get; set; }
    public string? Details { get; set; } = "{}";
}

public class IssueSubscriber
{
    public Guid IssueId { get; set; }
    public string UserType { get; set; } = "member";
    public Guid UserId { get; set; }
    public string Reason { get; set; } = "manual";
    public DateTime CreatedAt { get; set; }
}

public class Project
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string? Icon { get; set; }
    public string Status { get; set; } = "planned";
    public string Priority { get; set; } = "none";
    public string? LeadType { get; set; }
    public Guid? LeadId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
