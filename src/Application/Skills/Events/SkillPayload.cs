using Multica.Application.Skills.Shared;
using System.Text.Json.Serialization;

namespace Multica.Application.Skills.Events;

/// <summary>skill:created (through the API or a local import) and skill:updated: {skill} with its files.</summary>
public sealed record SkillPayload(
    [property: JsonPropertyName("skill")] SkillWithFilesDto Skill);
