using System.Text.Json;
using Multica.Application.Common;
using Multica.Application.Skills;
using Multica.Domain.Entities;
using Multica.Application.Skills.Shared;

namespace Multica.Application.Agents.Shared;

/// <summary>Agent object (docs/api.md).</summary>
public sealed record AgentDto(
    Guid Id,
    Guid WorkspaceId,
    Guid RuntimeId,
    string Name,
    string Description,
    string Instructions,
    string? AvatarUrl,
    string RuntimeMode,
    JsonElement RuntimeConfig,
    JsonElement CustomEnv,
    JsonElement CustomArgs,
    JsonElement? McpConfig,
    bool CustomEnvRedacted,
    bool McpConfigRedacted,
    string Visibility,
    string Status,
    int MaxConcurrentTasks,
    string Model,
    Guid? OwnerId,
    IReadOnlyList<SkillDto> Skills,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ArchivedAt,
    Guid? ArchivedBy)
{
    private const string Mask = "****";

    /// <param name="redact">Hide custom_env values and mcp_config (callers who cannot manage the agent, and events).</param>
    public static AgentDto From(Agent a, IReadOnlyList<SkillDto>? skills = null, bool redact = false)
    {
        var env = JsonText.Parse(a.CustomEnv, "{}");
        if (env.ValueKind != JsonValueKind.Object)
            env = JsonText.Parse("{}", "{}");
        var mcp = JsonText.ParseOrNull(a.McpConfig);
        var envRedacted = false;
        var mcpRedacted = false;
        if (redact)
        {
            var masked = env.EnumerateObject().ToDictionary(p => p.Name, _ => Mask);
            envRedacted = masked.Count > 0;
            env = JsonSerializer.SerializeToElement(masked);
            if (mcp is not null)
            {
                mcp = null;
                mcpRedacted = true;
            }
        }
        return new AgentDto(a.Id, a.WorkspaceId, a.RuntimeId, a.Name, a.Description, a.Instructions, a.AvatarUrl, a.RuntimeMode,
            JsonText.Parse(a.RuntimeConfig, "{}"), env, JsonText.Parse(a.CustomArgs, "[]"), mcp, envRedacted, mcpRedacted,
            a.Visibility, a.Status, a.MaxConcurrentTasks, a.Model ?? "", a.OwnerId, skills ?? [], a.CreatedAt, a.UpdatedAt,
            a.ArchivedAt, a.ArchivedBy);
    }
}
