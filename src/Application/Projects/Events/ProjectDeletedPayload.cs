using System.Text.Json.Serialization;

namespace Multica.Application.Projects.Events;

/// <summary>project:deleted: {project_id}.</summary>
public sealed record ProjectDeletedPayload(
    [property: JsonPropertyName("project_id")] Guid ProjectId);
