namespace Multica.Domain.Entities;

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
