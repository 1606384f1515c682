using System.Text.Json;

namespace Multica.Application.Common;

/// <summary>Helpers for jsonb columns carried as raw text.</summary>
public static class JsonText
{
    public static JsonElement Parse(string? json, string fallback)
    {
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? fallback : json);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            using var doc = JsonDocument.Parse(fallback);
            return doc.RootElement.Clone();
        }
    }

    public static JsonElement? ParseOrNull(string? json) =>
        string.IsNullOrWhiteSpace(json) ? null : Parse(json, "null");

    public static string Serialize(JsonElement element) => element.GetRawText();
}
