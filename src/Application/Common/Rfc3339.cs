using System.Globalization;
using System.Text.RegularExpressions;

namespace Multica.Application.Common;

/// <summary>Strict RFC 3339 timestamps as upstream's parser accepts them (zone designator required).</summary>
public static partial class Rfc3339
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Pattern();

    public static bool TryParse(string? value, out DateTime utc)
    {
        utc = default;
        if (value is null || !Pattern().IsMatch(value))
            return false;
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return false;
        utc = parsed.UtcDateTime;
        return true;
    }

    public static bool IsValid(string? value) => TryParse(value, out _);

    /// <summary>The wire form: UTC, second precision.</summary>
    public static string Format(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
