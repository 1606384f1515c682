namespace Multica.Domain.Entities;

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
