namespace Multica.Domain.Entities;

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
