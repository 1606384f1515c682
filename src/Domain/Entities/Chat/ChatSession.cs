namespace Multica.Domain.Entities;

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
