namespace Multica.Domain.Entities;

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
