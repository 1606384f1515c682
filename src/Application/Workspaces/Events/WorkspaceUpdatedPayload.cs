using Multica.Application.Workspaces;
using System.Text.Json.Serialization;

namespace Multica.Application.Workspaces.Events;

/// <summary>workspace:updated: {workspace}.</summary>
public sealed record WorkspaceUpdatedPayload(
    [property: JsonPropertyName("workspace")] WorkspaceDto Workspace);
