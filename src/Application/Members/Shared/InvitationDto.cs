using Multica.Domain.Constants;
using Multica.Domain.Entities;
using System.Text.Json.Serialization;

namespace Multica.Application.Members.Shared;

/// <summary>An invitation; inviter and workspace names are added where the listing knows them.</summary>
public sealed record InvitationDto(
    Guid Id,
    Guid WorkspaceId,
    Guid InviterId,
    string InviteeEmail,
    Guid? InviteeUserId,
    string Role,
    string Status,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime ExpiresAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InviterName = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InviterEmail = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WorkspaceName = null)
{
    public static InvitationDto From(WorkspaceInvitation i, string? inviterName = null, string? inviterEmail = null, string? workspaceName = null) =>
        new(i.Id, i.WorkspaceId, i.InviterId, i.InviteeEmail, i.InviteeUserId, i.Role, i.Status, i.CreatedAt, i.UpdatedAt, i.ExpiresAt,
            string.IsNullOrEmpty(inviterName) ? null : inviterName, string.IsNullOrEmpty(inviterEmail) ? null : inviterEmail,
            string.IsNullOrEmpty(workspaceName) ? null : workspaceName);
}
