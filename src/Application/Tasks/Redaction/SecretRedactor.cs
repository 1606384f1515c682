using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Multica.Application.Tasks.Redaction;

/// <summary>
/// Best-effort masking of secrets in agent output before it is stored or broadcast
/// (docs/realtime.md). Patterns run in order, each over the previous result.
/// Word boundaries are ASCII-only on purpose: .NET's \b is Unicode-aware and would differ.
/// </summary>
public static class SecretRedactor
{
    private const string W = "[A-Za-z0-9_]";
    // Position between a word char and a non-word char (or text edge).
    private const string B = "(?:(?<=" + W + ")(?!" + W + ")|(?<!" + W + ")(?=" + W + "))";
    private const string Start = "(?<!" + W + ")";
    private const string Sp = @"[\t\n\f\r ]";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private static readonly (Regex Pattern, string Replacement)[] Rules =
    [
        (Rx(Start + "AKIA[0-9A-Z]{16}" + B), "[REDACTED AWS KEY]"),
        (Rx("(?:aws_secret_access_key|secret_?access_?key)" + Sp + "*[=:]" + Sp + "*[A-Za-z0-9/+=]{40}", ignoreCase: true), "[REDACTED AWS SECRET]"),
        (Rx(@"-----BEGIN[A-Z\t\n\f\r ]*PRIVATE KEY-----[\s\S]*?-----END[A-Z\t\n\f\r ]*PRIVATE KEY-----"), "[REDACTED PRIVATE KEY]"),
        (Rx(Start + "gh[pousr]_[A-Za-z0-9_]{36,255}" + B), "[REDACTED GITHUB TOKEN]"),
        (Rx(Start + "sk-[A-Za-z0-9_-]{20,}" + B), "[REDACTED API KEY]"),
        (Rx(Start + "xox[bporas]-[A-Za-z0-9-]{10,}" + B), "[REDACTED SLACK TOKEN]"),
        (Rx(Start + "glpat-[A-Za-z0-9_-]{20,}" + B), "[REDACTED GITLAB TOKEN]"),
        (Rx(Start + @"ey[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}" + B), "[REDACTED JWT]"),
        (Rx(Start + "Bearer" + Sp + "+[A-Za-z0-9._~+/-]+=*" + B, ignoreCase: true), "Bearer [REDACTED]"),
        (Rx("(?:postgres|mysql|mongodb|redis|amqp)(?:ql)?://[^:\t\n\f\r ]+:[^@\t\n\f\r ]+@", ignoreCase: true), "[REDACTED CONNECTION STRING]@"),
        (Rx("(?:API_KEY|API_SECRET|SECRET_KEY|SECRET|ACCESS_TOKEN|AUTH_TOKEN|PRIVATE_KEY|DATABASE_URL|DB_PASSWORD|DB_URL|REDIS_URL|PASSWORD|TOKEN)"
            + Sp + "*[=:]" + Sp + "*[^\t\n\f\r ]+", ignoreCase: true), "[REDACTED CREDENTIAL]"),
    ];

    // The user name inside home-directory paths of any machine (the daemon's user, not only the server's):
    // /Users/<name>, /home/<name>, C:\Users\<name>. The name must be a whole path segment.
    private static readonly Regex UnixHome = Rx(@"(?<![A-Za-z0-9_.~-])(/(?:Users|home)/)(?!\*\*\*\*(?:[/\\\s]|$))[^/\\\s""'`:;,()<>]+");
    private static readonly Regex WindowsHome = Rx(@"(?<![A-Za-z0-9_])([A-Za-z]:\\Users\\)(?!\*\*\*\*(?:[/\\\s]|$))[^/\\\s""'`:;,()<>]+", ignoreCase: true);

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? "";
        var result = text;
        foreach (var (pattern, replacement) in Rules)
            result = Replace(pattern, result, replacement);
        result = Replace(UnixHome, result, "$1****");
        result = Replace(WindowsHome, result, "$1****");
        return result;
    }

    /// <summary>Null stays null; empty stays empty.</summary>
    public static string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    /// <summary>
    /// A tool input map: every string value is redacted, at any depth (a superset of upstream, which
    /// only redacts top-level strings); numbers, booleans and nulls are copied unchanged.
    /// </summary>
    public static JsonNode? RedactInput(JsonNode? input)
    {
        switch (input)
        {
            case null:
                return null;
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                    copy[key] = RedactInput(value);
                return copy;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                    items.Add(RedactInput(item));
                return items;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return JsonValue.Create(Redact(value.GetValue<string>()));
            default:
                return input.DeepClone();
        }
    }

    private static string Replace(Regex pattern, string input, string replacement)
    {
        try
        {
            return pattern.Replace(input, replacement);
        }
        catch (RegexMatchTimeoutException)
        {
            // Pathological input: keep what earlier rules produced rather than fail the request.
            return input;
        }
    }

    private static Regex Rx(string pattern, bool ignoreCase = false) =>
        new(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : 0), MatchTimeout);
}
