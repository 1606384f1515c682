using System.Text.Json.Serialization;

namespace Multica.Application.Members.Events;

/// <summary>invitation:revoked, to the invitee: {invitation_id, invitee_email, invitee_user_id}.</summary>
public sealed record InvitationRevokedPayload(
    [property: JsonPropertyName("invitation_id")] Guid InvitationId,
    [property: JsonPropertyName("invitee_email")] string InviteeEmail,
    [property: JsonPropertyName("invitee_user_id")] Guid? InviteeUserId);
