namespace Multica.Domain.Entities;

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
