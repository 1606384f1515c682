using System.Text.Json;
using System.Text.Json.Serialization;

namespace Multica.Application.PendingRequests;

// Wire shapes of the four request kinds (docs/pending-requests.md). Empty optional fields are omitted,
// as upstream's omitempty does; internal fields (creator, run start) never appear.

/// <summary>One model a runtime's agent CLI offers; <c>default</c> must survive daemon → server → UI.</summary>
public sealed record ModelEntry
{
    public string Id { get; init; } = "";
    public string Label { get; init; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Provider { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Default { get; init; }

    public ModelEntry Normalized() => string.IsNullOrEmpty(Provider) ? this with { Provider = null } : this;
}

/// <summary>A skill installed on the daemon's machine; stored as the daemon sent it.</summary>
public sealed record LocalSkillSummary
{
    public string Key { get; init; } = "";
    public string Name { get; init; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }
    public string SourcePath { get; init; } = "";
    public string Provider { get; init; } = "";
    public int FileCount { get; init; }

    public LocalSkillSummary Normalized() => string.IsNullOrEmpty(Description) ? this with { Description = null } : this;
}

/// <summary>The workspace skill an import created (the user API's skill object, without files).</summary>
public sealed record ImportedSkill(
    Guid Id,
    Guid WorkspaceId,
    string Name,
    string Description,
    string Content,
    JsonElement Config,
    Guid? CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt);

public sealed record RuntimeUpdateDto(
    string Id,
    string RuntimeId,
    string Status,
    string TargetVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Output,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static RuntimeUpdateDto From(RuntimeUpdateRequest r) =>
        new(r.Id, r.RuntimeId, r.Status, r.TargetVersion, NullIfEmpty(r.Output), NullIfEmpty(r.Error), r.CreatedAt, r.UpdatedAt);

    internal static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

public sealed record ModelListDto(
    string Id,
    string RuntimeId,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ModelEntry>? Models,
    bool Supported,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static ModelListDto From(ModelListRequest r) =>
        new(r.Id, r.RuntimeId, r.Status, r.Models is { Count: > 0 } ? r.Models : null, r.Supported,
            RuntimeUpdateDto.NullIfEmpty(r.Error), r.CreatedAt, r.UpdatedAt);
}

public sealed record LocalSkillListDto(
    string Id,
    string RuntimeId,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<LocalSkillSummary>? Skills,
    bool Supported,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? McpSupported = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] System.Text.Json.JsonElement? McpServers = null)
{
    public static LocalSkillListDto From(LocalSkillListRequest r) =>
        new(r.Id, r.RuntimeId, r.Status, r.Skills is { Count: > 0 } ? r.Skills : null, r.Supported,
            RuntimeUpdateDto.NullIfEmpty(r.Error), r.CreatedAt, r.UpdatedAt, r.McpSupported, r.McpServers);
}

public sealed record LocalSkillImportDto(
    string Id,
    string RuntimeId,
    string SkillKey,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImportedSkill? Skill,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static LocalSkillImportDto From(LocalSkillImportRequest r) =>
        new(r.Id, r.RuntimeId, r.SkillKey, r.Name, r.Description, r.Status, r.Skill,
            RuntimeUpdateDto.NullIfEmpty(r.Error), r.CreatedAt, r.UpdatedAt);
}
