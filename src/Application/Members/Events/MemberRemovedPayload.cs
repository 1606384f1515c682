using System.Text.Json.Serialization;

namespace Multica.Application.Members.Events;

/// <summary>member:removed: {member_id, workspace_id, user_id}.</summary>
public sealed record MemberRemovedPayload(
    [property: JsonPropertyName("member_id")] Guid MemberId,
    [property: JsonPropertyName("workspace_id")] Guid WorkspaceId,
    [property: JsonPropertyName("user_id")] Guid UserId);
