using Multica.Application.Agents.Shared;
using System.Text.Json.Serialization;

namespace Multica.Application.Agents.Events;

/// <summary>agent:created, agent:status (after an edit), agent:restored and agent:archived: {agent} (redacted).</summary>
public sealed record AgentPayload(
    [property: JsonPropertyName("agent")] AgentDto Agent);
