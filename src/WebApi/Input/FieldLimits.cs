using System.Text;
using System.Text.Json;
using Multica.Application.Common.Errors;

namespace Multica.WebApi.Input;

/// <summary>
/// String length limits per field class, checked on every JSON body before it is decoded (docs/configuration.md,
/// "Input limits and text"). A string over its class's limit answers 400 <c>{field} is too long</c>.
/// Identifiers land in indexed columns (a btree entry holds at most ~2.7 KB), bulk text is agent output and
/// messages, everything else is ordinary text. Lengths are counted in UTF-8 bytes as sent.
/// </summary>
public sealed class FieldLimits
{
    public const string Section = "Limits";

    /// <summary>Fields whose values are identifiers, names and versions (indexed or used as keys).</summary>
    public static readonly IReadOnlySet<string> Identifiers = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "daemon_id", "type", "provider", "model", "name", "slug", "path", "email", "device_name", "cli_version",
        "version", "runtime_mode", "status", "priority", "session_id", "branch_name", "tool", "issue_prefix",
    };

    /// <summary>Fields that carry agent output, message bodies and other bulk text.</summary>
    public static readonly IReadOnlySet<string> BulkText = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "output", "content", "error", "input", "result", "description", "instructions", "text", "body",
    };

    public int IdentifierMaxBytes { get; set; } = 255;
    public int TextMaxBytes { get; set; } = 64 * 1024;
    public int BulkTextMaxBytes { get; set; } = 1024 * 1024;

    /// <summary>The limits in force (set once at startup from configuration).</summary>
    public static FieldLimits Current { get; set; } = new();

    public int LimitFor(string? field) =>
        field is null ? TextMaxBytes
        : Identifiers.Contains(field) ? IdentifierMaxBytes
        : BulkText.Contains(field) ? BulkTextMaxBytes
        : TextMaxBytes;

    /// <summary>Throws a 400 naming the first string over its limit; a string inside an array or object counts for the field holding it.</summary>
    public void Check(ReadOnlySpan<byte> body)
    {
        if (body.Length <= IdentifierMaxBytes)
            return;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowTrailingCommas = false });
        var stack = new Stack<string?>();
        string? current = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        current = reader.ValueSpan.Length <= 64 ? Encoding.UTF8.GetString(reader.ValueSpan) : null;
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        stack.Push(current);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        current = stack.Count > 0 ? stack.Pop() : null;
                        if (stack.Count == 0)
                            return; // only the first value counts
                        break;
                    case JsonTokenType.String when reader.ValueSpan.Length > LimitFor(current):
                        throw new BadRequestException($"{current ?? "value"} is too long");
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is the decoder's verdict ("invalid request body").
        }
    }
}
