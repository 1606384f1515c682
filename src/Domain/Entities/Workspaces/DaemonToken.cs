namespace Multica.Domain.Entities;

public class DaemonToken
{
    public Guid Id { get; set; }
    public string TokenHash { get; set; } = "";
    public Guid WorkspaceId { get; set; }
    public string DaemonId { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
    // Additive: who minted it and a display prefix, so admins can list and revoke.
    public Guid? CreatedBy { get; set; }
    public string TokenPrefix { get; set; } = "";
}
