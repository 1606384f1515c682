namespace Multica.Domain.Entities;

public class AgentRuntime
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public string? DaemonId { get; set; }
    public string Name { get; set; } = "";
    public string RuntimeMode { get; set; } = "local";
    public string Provider { get; set; } = "";
    public string Status { get; set; } = "offline";
    public string DeviceInfo { get; set; } = "";
    public string Metadata { get; set; } = "{}";
    public DateTime? LastSeenAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid? OwnerId { get; set; }
    public string? LegacyDaemonId { get; set; }
}
