using Multica.Application.Workspaces.ListMembers;
using System.Text.Json.Serialization;

namespace Multica.Application.Members.Events;

/// <summary>invitation:accepted: {invitation_id, member}.</summary>
public sealed record InvitationAcceptedPayload(
    [property: JsonPropertyName("invitation_id")] Guid InvitationId,
    [property: JsonPropertyName("member")] MemberDto Member);
