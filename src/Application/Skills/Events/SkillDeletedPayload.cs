using System.Text.Json.Serialization;

namespace Multica.Application.Skills.Events;

/// <summary>skill:deleted: {skill_id}.</summary>
public sealed record SkillDeletedPayload(
    [property: JsonPropertyName("skill_id")] Guid SkillId);
