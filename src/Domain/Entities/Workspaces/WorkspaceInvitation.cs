using Multica.Domain.Constants;

namespace Multica.Domain.Entities;

/// <summary>An invitation to join a workspace, addressed to an e-mail (and to the user, when one has that e-mail).</summary>
public class WorkspaceInvitation
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid InviterId { get; set; }
    public string InviteeEmail { get; set; } = "";
    public Guid? InviteeUserId { get; set; }
    public string Role { get; set; } = "member";
    public string Status { get; set; } = InvitationStatus.Pending;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
