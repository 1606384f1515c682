using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.ApiDescription;

public sealed partial class OpenApiDocumentTests
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private static async Task<JsonElement> DocumentAsync()
    {
        var body = await TestData.Anonymous().GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        return body;
    }

    /// <summary>Every (method, path) the server maps, as the document spells paths.</summary>
    private static List<(string Method, string Path)> MappedRoutes()
    {
        var sources = TestEnvironment.Factory.Services.GetServices<EndpointDataSource>();
        var routes = new List<(string, string)>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var path = DocumentPath(endpoint.RoutePattern.RawText ?? "");
            if (path.StartsWith("/openapi/", StringComparison.Ordinal) || path.StartsWith("/docs", StringComparison.Ordinal))
                continue; // the description's own endpoints
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            routes.AddRange(methods.Select(m => (m.ToLowerInvariant(), path)));
        }
        return routes.Distinct().ToList();
    }

    private static string DocumentPath(string raw) =>
        "/" + RouteParameter().Replace(raw.TrimStart('/'), "{$1}");

    [GeneratedRegex(@"\{\*{0,2}([^:}=?]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    [Test]
    public async Task EveryMappedRoute_IsInTheDocument()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var mapped = MappedRoutes();
        Assert.That(mapped, Has.Count.GreaterThan(100), "the endpoint enumeration found the controllers");
        Assert.That(mapped, Does.Contain(("get", "/ws")).And.Contain(("post", "/api/daemon/register")));

        var missing = mapped
            .Where(r => !paths.TryGetProperty(r.Path, out var item) || !item.TryGetProperty(r.Method, out _))
            .Select(r => $"{r.Method.ToUpperInvariant()} {r.Path}")
            .ToList();
        Assert.That(missing, Is.Empty, "mapped routes missing from /openapi/v1.json");

        var documented = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)).Select(m => (m.Name, p.Name)))
            .ToList();
        Assert.That(documented.Except(mapped), Is.Empty, "documented operations the server does not map");
    }

    [Test]
    public async Task Schemas_UseTheWireNames()
    {
        var document = await DocumentAsync();
        var register = document.GetProperty("paths").GetProperty("/api/daemon/register").GetProperty("post");

        var request = Resolve(document, register.GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/json").GetProperty("schema"));
        Assert.That(PropertyNames(request), Does.Contain("workspace_id").And.Contain("legacy_daemon_ids")
            .And.Contain("cli_version").And.Not.Contain("WorkspaceId"));

        var response = Resolve(document, register.GetProperty("responses").GetProperty("200").GetProperty("content")
            .GetProperty("application/json").GetProperty("schema"));
        Assert.That(PropertyNames(response), Does.Contain("runtimes").And.Contain("repos_version"));
        var runtime = Resolve(document, response.GetProperty("properties").GetProperty("runtimes").GetProperty("items"));
        Assert.That(PropertyNames(runtime), Does.Contain("workspace_id").And.Contain("last_seen_at"));
    }

    [Test]
    public async Task MostOperations_DescribeTheirSuccessBody()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var operations = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)).Select(m => (Path: p.Name, m.Value)))
            .ToList();
        static bool Described(JsonElement operation)
        {
            var responses = operation.GetProperty("responses");
            return responses.TryGetProperty("204", out _) || responses.TryGetProperty("101", out _) ||
                   (responses.TryGetProperty("200", out var ok) && ok.TryGetProperty("content", out _)) ||
                   (responses.TryGetProperty("201", out var created) && created.TryGetProperty("content", out _));
        }
        // Only fixed anonymous answers (health, config, front-end placeholders, sign-in) may lack a schema.
        Assert.That(operations.Count(o => Described(o.Value)), Is.GreaterThanOrEqualTo(operations.Count * 85 / 100),
            "operations whose success body is documented");
        var daemonUndescribed = operations.Where(o => o.Path.StartsWith("/api/daemon/", StringComparison.Ordinal) && !Described(o.Value))
            .Select(o => o.Path).ToList();
        Assert.That(daemonUndescribed, Is.Empty, "daemon routes without a documented success body");

        var createComment = paths.GetProperty("/api/issues/{issueId}/comments").GetProperty("post").GetProperty("responses");
        Assert.That(createComment.TryGetProperty("201", out _), Is.True, "a 201 answer is documented as 201");
    }

    [Test]
    public async Task EveryOperation_DocumentsTheErrorBody()
    {
        var document = await DocumentAsync();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
        {
            if (path.Name is "/ws" or "/metrics")
                continue; // a WebSocket upgrade and the Prometheus exposition: neither answers JSON errors
            var responses = operation.Value.GetProperty("responses");
            Assert.That(responses.TryGetProperty("4XX", out var rejected), Is.True, $"{operation.Name} {path.Name}");
            var schema = Resolve(document, rejected.GetProperty("content").GetProperty("application/json").GetProperty("schema"));
            Assert.That(PropertyNames(schema), Is.EqualTo(new[] { "error" }), $"{operation.Name} {path.Name}");
        }
    }

    [Test]
    public async Task ErrorBodies_MatchTheDocumentedShape()
    {
        using var response = await TestData.Anonymous().GetAsync("/api/me");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "error" }));
    }

    [Test]
    public async Task Reference_IsServedOutsideProduction_AndNotInProduction()
    {
        using var dev = await TestEnvironment.Factory.CreateClient().GetAsync("/docs/");
        Assert.That(dev.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await dev.Content.ReadAsStringAsync(), Does.Contain("openapi/v1.json"));

        await using var production = TestEnvironment.Factory.WithWebHostBuilder(b => b
            .UseSetting("Auth:AppEnvironment", "production")
            .UseSetting("Database:MigrateOnStartup", "false"));
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var docs = await client.GetAsync("/docs/");
        Assert.That(docs.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var openApi = await client.GetAsync("/openapi/v1.json");
        Assert.That(openApi.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (!schema.TryGetProperty("$ref", out var reference))
            return schema;
        var name = reference.GetString()!.Split('/').Last();
        return document.GetProperty("components").GetProperty("schemas").GetProperty(name);
    }

    private static List<string> PropertyNames(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).ToList()
            : [];
}
