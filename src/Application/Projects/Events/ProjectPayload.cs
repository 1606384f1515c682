using Multica.Application.Projects.Shared;
using System.Text.Json.Serialization;

namespace Multica.Application.Projects.Events;

/// <summary>project:created and project:updated: {project}.</summary>
public sealed record ProjectPayload(
    [property: JsonPropertyName("project")] ProjectDto Project);
