namespace Multica.Domain.Entities;

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
