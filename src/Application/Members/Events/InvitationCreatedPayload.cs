using Multica.Application.Members.Shared;
using System.Text.Json.Serialization;

namespace Multica.Application.Members.Events;

/// <summary>invitation:created, to the invitee: {invitation, workspace_name}.</summary>
public sealed record InvitationCreatedPayload(
    [property: JsonPropertyName("invitation")] InvitationDto Invitation,
    [property: JsonPropertyName("workspace_name")] string WorkspaceName);
