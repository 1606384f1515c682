namespace Multica.Domain.Entities;

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
