using System.Text.Json;
using System.Text.Json.Serialization;
using Multica.Application.Issues;

namespace Multica.Application.Search.Shared;

/// <summary>An issue object with the search fields match_source and (for comment matches) matched_snippet on top.</summary>
[JsonConverter(typeof(SearchIssueDtoConverter))]
public sealed record SearchIssueDto(IssueDto Issue, string MatchSource, string? MatchedSnippet);

/// <summary>Writes <see cref="SearchIssueDto"/> as one flat object: the issue's own fields, then the search fields.</summary>
public sealed class SearchIssueDtoConverter : JsonConverter<SearchIssueDto>
{
    public override SearchIssueDto Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException();

    public override void Write(Utf8JsonWriter writer, SearchIssueDto value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var property in JsonSerializer.SerializeToElement(value.Issue, options).EnumerateObject())
            property.WriteTo(writer);
        writer.WriteString(Name("MatchSource", options), value.MatchSource);
        if (value.MatchedSnippet is not null)
            writer.WriteString(Name("MatchedSnippet", options), value.MatchedSnippet);
        writer.WriteEndObject();
    }

    private static string Name(string property, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;
}
