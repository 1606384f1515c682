using Multica.Application.Skills.Shared;
using System.Text.Json.Serialization;

namespace Multica.Application.Agents.Events;

/// <summary>agent:status after the agent's skills were replaced: {agent_id, skills}.</summary>
public sealed record AgentSkillsPayload(
    [property: JsonPropertyName("agent_id")] Guid AgentId,
    [property: JsonPropertyName("skills")] IReadOnlyList<SkillDto> Skills);
