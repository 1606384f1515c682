using System.Text.Json;
using System.Text.Json.Serialization;
using Multica.Application.Common;
using Multica.Application.Tasks;
using Multica.Domain.Entities;

namespace Multica.Application.Agents.Events;

/// <summary>agent:status published by the task machinery when an agent's status follows its tasks: {agent}.</summary>
public sealed record AgentStatusPayload([property: JsonPropertyName("agent")] AgentStatusSummary Agent)
{
    public static AgentStatusPayload Of(Agent agent) => new(AgentStatusSummary.Of(agent));
}

/// <summary>The agent shape of the task machinery's agent:status (no instructions or secrets; skills always empty).</summary>
public sealed record AgentStatusSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("workspace_id")] string WorkspaceId,
    [property: JsonPropertyName("runtime_id")] string RuntimeId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("avatar_url")] string? AvatarUrl,
    [property: JsonPropertyName("runtime_mode")] string RuntimeMode,
    [property: JsonPropertyName("runtime_config")] JsonElement? RuntimeConfig,
    [property: JsonPropertyName("visibility")] string Visibility,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("max_concurrent_tasks")] int MaxConcurrentTasks,
    [property: JsonPropertyName("owner_id")] string? OwnerId,
    [property: JsonPropertyName("skills")] IReadOnlyList<object> Skills,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("updated_at")] string UpdatedAt,
    [property: JsonPropertyName("archived_at")] string? ArchivedAt,
    [property: JsonPropertyName("archived_by")] string? ArchivedBy)
{
    public static AgentStatusSummary Of(Agent a) => new(
        a.Id.ToString(), a.WorkspaceId.ToString(), a.RuntimeId.ToString(), a.Name, a.Description, a.AvatarUrl,
        a.RuntimeMode, JsonText.ParseOrNull(a.RuntimeConfig), a.Visibility, a.Status, a.MaxConcurrentTasks,
        a.OwnerId?.ToString(), [], WireTime.Format(a.CreatedAt), WireTime.Format(a.UpdatedAt),
        WireTime.Format(a.ArchivedAt), a.ArchivedBy?.ToString());
}
