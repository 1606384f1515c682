using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Multica.Application.Common;

public sealed record RepoDto(string Url, string Description);

/// <summary>A workspace's repository allow-list: normalised form and its order-independent version.</summary>
public static class RepoList
{
    /// <summary>Parse, trim, drop empty URLs and later duplicates; anything undecodable is an empty list.</summary>
    public static IReadOnlyList<RepoDto> Normalize(string? reposJson)
    {
        var result = new List<RepoDto>();
        if (string.IsNullOrWhiteSpace(reposJson))
            return result;
        try
        {
            using var doc = JsonDocument.Parse(reposJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                return result;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var parsed = new List<RepoDto>();
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Null)
                {
                    parsed.Add(new RepoDto("", ""));
                    continue;
                }
                if (item.ValueKind != JsonValueKind.Object)
                    return result;
                var url = StringField(item, "url");
                var description = StringField(item, "description");
                if (url is null || description is null)
                    return result; // a field of the wrong type fails the whole decode
                parsed.Add(new RepoDto(url.Trim(), description.Trim()));
            }
            foreach (var repo in parsed)
                if (repo.Url.Length > 0 && seen.Add(repo.Url))
                    result.Add(repo);
        }
        catch (JsonException)
        {
            result.Clear();
        }
        return result;
    }

    /// <summary>SHA-256 hex of the URLs sorted ordinally and joined by "\n".</summary>
    public static string Version(IEnumerable<RepoDto> repos)
    {
        var urls = repos.Select(r => r.Url).Where(u => u.Length > 0).ToList();
        urls.Sort(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", urls))));
    }

    /// <summary>Missing or null → "", a string → its value, anything else → null (decode failure).</summary>
    private static string? StringField(JsonElement item, string name)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (!string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                continue;
            return property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => "",
                _ => null,
            };
        }
        return "";
    }
}
