namespace Multica.Application.Common;

/// <summary>Parsing of UUIDs sent as strings (path values, body fields, query parameters).</summary>
public static class Ids
{
    public static Guid? Parse(string? value) => Guid.TryParse(value?.Trim(), out var id) ? id : null;

    public static bool IsValid(string? value) => Parse(value) is not null;

    /// <summary>Null or blank counts as "not given"; otherwise it must be a UUID.</summary>
    public static bool IsNullOrValid(string? value) => string.IsNullOrWhiteSpace(value) || IsValid(value);
}
