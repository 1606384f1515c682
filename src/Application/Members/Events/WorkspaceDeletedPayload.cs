using System.Text.Json.Serialization;

namespace Multica.Application.Members.Events;

/// <summary>workspace:deleted: {workspace_id}.</summary>
public sealed record WorkspaceDeletedPayload(
    [property: JsonPropertyName("workspace_id")] Guid WorkspaceId);
