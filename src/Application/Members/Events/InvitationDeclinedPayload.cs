using System.Text.Json.Serialization;

namespace Multica.Application.Members.Events;

/// <summary>invitation:declined: {invitation_id, invitee_email}.</summary>
public sealed record InvitationDeclinedPayload(
    [property: JsonPropertyName("invitation_id")] Guid InvitationId,
    [property: JsonPropertyName("invitee_email")] string InviteeEmail);
