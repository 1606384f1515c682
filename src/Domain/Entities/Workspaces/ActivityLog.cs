namespace Multica.Domain.Entities;

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
