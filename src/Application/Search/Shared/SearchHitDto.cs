using System.Text.Json;
using System.Text.Json.Serialization;

namespace Multica.Application.Search.Shared;

/// <summary>A found object with the search fields match_source and (for comment matches) matched_snippet on top of its own.</summary>
[JsonConverter(typeof(SearchHitDtoConverterFactory))]
public sealed record SearchHitDto<T>(T Item, string MatchSource, string? MatchedSnippet = null);

public sealed class SearchHitDtoConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(SearchHitDto<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(SearchHitDtoConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
}

/// <summary>Writes one flat object: the item's own fields, then the search fields.</summary>
public sealed class SearchHitDtoConverter<T> : JsonConverter<SearchHitDto<T>>
{
    public override SearchHitDto<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException();

    public override void Write(Utf8JsonWriter writer, SearchHitDto<T> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var property in JsonSerializer.SerializeToElement(value.Item, options).EnumerateObject())
            property.WriteTo(writer);
        writer.WriteString(Name("MatchSource", options), value.MatchSource);
        if (value.MatchedSnippet is not null)
            writer.WriteString(Name("MatchedSnippet", options), value.MatchedSnippet);
        writer.WriteEndObject();
    }

    private static string Name(string property, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;
}
