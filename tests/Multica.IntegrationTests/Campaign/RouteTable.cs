using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Multica.IntegrationTests.Support;

namespace Multica.IntegrationTests.Campaign;

/// <summary>A mapped route: one HTTP method on one route pattern, with its parameter names in order.</summary>
public sealed record MappedRoute(string Method, string Pattern, IReadOnlyList<string> Parameters)
{
    public bool IsDaemonRoute => Path.StartsWith("/api/daemon/", StringComparison.Ordinal);

    public bool TakesBody => Method is "POST" or "PUT" or "PATCH";

    /// <summary>The pattern as an absolute path template.</summary>
    public string Path => Pattern.StartsWith('/') ? Pattern : "/" + Pattern;

    /// <summary>The path with every route parameter replaced by <paramref name="value"/>(name).</summary>
    public string Url(Func<string, string> value) => RouteTable.FillParameters(Path, value);
}

/// <summary>A request-body field as the OpenAPI document describes it.</summary>
public sealed record BodyField(string Name, string Type);

/// <summary>
/// The campaign's view of the server: every mapped route, read at run time from the endpoint table, and the
/// request-body fields of each from the OpenAPI document — so a new route is covered without editing a test.
/// </summary>
public static partial class RouteTable
{
    /// <summary>Every controller and endpoint route except the API description itself.</summary>
    public static List<MappedRoute> MappedRoutes()
    {
        var sources = TestEnvironment.Factory.Services.GetServices<EndpointDataSource>();
        var routes = new List<MappedRoute>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var raw = endpoint.RoutePattern.RawText ?? "";
            if (raw.TrimStart('/').StartsWith("openapi/", StringComparison.Ordinal) || raw.TrimStart('/').StartsWith("docs", StringComparison.Ordinal))
                continue;
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            routes.AddRange(methods.Select(m => new MappedRoute(m, raw, parameters)));
        }
        return routes.DistinctBy(r => (r.Method, r.Pattern)).OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method).ToList();
    }

    /// <summary>Request-body fields of an operation (none when it has no JSON body).</summary>
    public static IReadOnlyList<BodyField> Fields(JsonElement document, MappedRoute route)
    {
        var path = "/" + RouteParameter().Replace(route.Pattern.TrimStart('/'), "{$1}");
        if (!document.GetProperty("paths").TryGetProperty(path, out var item) ||
            !item.TryGetProperty(route.Method.ToLowerInvariant(), out var operation) ||
            !operation.TryGetProperty("requestBody", out var body) ||
            !body.TryGetProperty("content", out var content) || !content.TryGetProperty("application/json", out var json))
            return [];
        var schema = Resolve(document, json.GetProperty("schema"));
        if (!schema.TryGetProperty("properties", out var properties))
            return [];
        return properties.EnumerateObject().Select(p => new BodyField(p.Name, TypeOf(Resolve(document, p.Value)))).ToList();
    }

    /// <summary>A JSON body with every field set to a plain value of its type (<paramref name="value"/> may choose one).</summary>
    public static string SampleBody(IReadOnlyList<BodyField> fields, Func<BodyField, string?>? value = null) =>
        "{" + string.Join(",", fields.Select(f => $"{JsonSerializer.Serialize(f.Name)}:{value?.Invoke(f) ?? Sample(f.Type)}")) + "}";

    public static string Sample(string type) => type switch
    {
        "integer" or "number" => "1",
        "boolean" => "true",
        "array" => "[]",
        "object" => "{}",
        _ => "\"fuzz\"",
    };

    public static string FillParameters(string template, Func<string, string> value) =>
        RouteParameter().Replace(template, m => value(m.Groups[1].Value));

    private static string TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
            return "object";
        if (type.ValueKind == JsonValueKind.String)
            return type.GetString()!;
        return type.EnumerateArray().Select(t => t.GetString()!).FirstOrDefault(t => t != "null") ?? "string";
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        for (var i = 0; i < 10 && schema.TryGetProperty("$ref", out var reference); i++)
        {
            var node = document;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
                node = node.GetProperty(part);
            schema = node;
        }
        return schema;
    }

    [GeneratedRegex(@"\{\*{0,2}([^:}=?]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
