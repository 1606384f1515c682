namespace Multica.Domain.Entities;

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
