using System.Net;
using System.Text;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.Campaign;

/// <summary>
/// Hostile input over every mapped route, generated at run time from the endpoint table and the request schemas of
/// the OpenAPI document (a new route is covered without editing this file). Each route gets malformed and truncated
/// JSON, wrong types, NUL and lone surrogates and over-long values in every string field, invalid, nil and foreign
/// ids in its route parameters, bad query strings and wrong methods, with the valid JWT, PAT and daemon token of a
/// seeded workspace. No answer may be a 5xx; every error body is JSON <c>{"error": …}</c> except the intended
/// plain-text answers (the daemon fallback's <c>404 page not found</c>, <c>/metrics</c>); the server stays healthy.
/// </summary>
public sealed class HostileInputFuzzTests
{
    private const int Seed = 16;
    private const int MinimumRequests = 5_000;
    private static readonly string[] AllMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private sealed record Probe(string Method, string Url, string? Body, string ContentType, string Kind);

    /// <summary>The whole campaign is bounded: a hung request fails the test instead of stalling the suite.</summary>
    [Test, CancelAfter(240_000)]
    public async Task EveryRoute_UnderHostileInput_NeverAnswers5xx_AndErrorsAreJson(CancellationToken cancellation)
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var issue = await IssueAsync(w.Workspace.Id, w.Owner.Id);
        var task = await TaskAsync(agent, w.RuntimeId, issueId: issue, status: "running");
        var daemonToken = await TestData.IssueDaemonTokenAsync(WorkspaceData.WorkspaceClient(w.Owner.Jwt, w.Workspace.Id), w.Workspace.Id,
            w.DaemonId);
        var credentials = new (string Kind, ApiClient Client)[]
        {
            ("jwt", WorkspaceData.WorkspaceClient(w.Owner.Jwt, w.Workspace.Id)),
            ("pat", WorkspaceData.WorkspaceClient(w.Pat, w.Workspace.Id)),
            ("daemon", WorkspaceData.WorkspaceClient(daemonToken, w.Workspace.Id)),
        };
        var realIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["workspaceId"] = w.Workspace.Id.ToString(), ["issueId"] = issue.ToString(), ["agentId"] = agent.ToString(),
            ["taskId"] = task.ToString(), ["runtimeId"] = w.RuntimeId.ToString(), ["memberId"] = w.Owner.Id.ToString(),
        };

        var document = await TestData.Anonymous().GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var routes = RouteTable.MappedRoutes();
        Assert.That(routes, Has.Count.GreaterThan(100), "the endpoint enumeration found the controllers");

        var random = new Random(Seed);
        var probes = new List<(string Credential, ApiClient Client, Probe Probe)>();
        foreach (var route in routes)
        foreach (var probe in ProbesFor(route, RouteTable.Fields(document, route), realIds, random))
        {
            var (kind, client) = credentials[random.Next(credentials.Length)];
            probes.Add((kind, client, probe));
        }
        Assert.That(probes, Has.Count.GreaterThanOrEqualTo(MinimumRequests));

        var failures = new List<string>();
        var answered = 0;
        await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellation }, async (item, ct) =>
        {
            var (credential, client, probe) = item;
            using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Url);
            if (probe.Body is not null)
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(probe.Body))
                    { Headers = { ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(probe.ContentType) } };
            using var response = await client.Http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            Interlocked.Increment(ref answered);
            var problem = Judge(probe, (int)response.StatusCode, text);
            if (problem is not null)
                lock (failures)
                    failures.Add($"{credential} {probe.Method} {Shorten(probe.Url)} [{probe.Kind}] → {(int)response.StatusCode} {problem}: {Shorten(text)}");
        });

        TestContext.Out.WriteLine($"hostile-input fuzzer: {routes.Count} routes, {answered} requests, {failures.Count} failures");
        foreach (var failure in failures.Order(StringComparer.Ordinal))
            TestContext.Out.WriteLine(failure);
        Assert.That(answered, Is.EqualTo(probes.Count));
        Assert.That(failures.Take(40), Is.Empty, $"{failures.Count} bad answers");

        await TestData.Anonymous().GetAsync("/health").ExpectAsync(HttpStatusCode.OK);
        var fresh = await WorkspaceData.OwnerAsync();
        await fresh.Client.GetAsync("/api/issues").ExpectAsync(HttpStatusCode.OK);
    }

    [TestCase("PUT", "/api/agents")]
    [TestCase("DELETE", "/api/issues")]
    public async Task WrongMethod_OnAKnownPath_Is405_WithAJsonError(string method, string path)
    {
        var owner = await WorkspaceData.OwnerAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        using var response = await owner.Client.Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("{\"error\":\"method not allowed\"}"));
    }

    [TestCase("/api/comments/")]
    [TestCase("/api/no-such-route")]
    public async Task UnknownPath_Is404_WithAJsonError(string path)
    {
        var owner = await WorkspaceData.OwnerAsync();
        using var response = await owner.Client.Http.DeleteAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("{\"error\":\"not found\"}"));
    }

    [Test]
    public async Task WrongMethod_OnADaemonPath_StaysThePlainText404()
    {
        var owner = await WorkspaceData.OwnerAsync();
        using var response = await owner.Client.Http.DeleteAsync("/api/daemon/register");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("404 page not found\n"));
    }

    /// <summary>Null when the answer is acceptable; otherwise what is wrong with it.</summary>
    private static string? Judge(Probe probe, int status, string body)
    {
        if (status >= 500)
            return "server error";
        if (status < 400)
            return null;
        var path = probe.Url.Split('?')[0];
        if (status == 404 && path.StartsWith("/api/daemon/", StringComparison.Ordinal) && body == "404 page not found\n")
            return null; // the daemon protocol's fallback answer for unknown daemon paths
        if (path == "/metrics")
            return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var e) &&
                   e.ValueKind == JsonValueKind.String
                ? null
                : "error body without an error string";
        }
        catch (JsonException)
        {
            return "error body is not JSON";
        }
    }

    private static IEnumerable<Probe> ProbesFor(MappedRoute route, IReadOnlyList<BodyField> fields, IReadOnlyDictionary<string, string> realIds, Random random)
    {
        string Url(Func<string, string> value) => route.Url(value);
        string Real(string name) => realIds.TryGetValue(name, out var id) ? id : Guid.NewGuid().ToString();
        var realUrl = Url(Real);
        var takesBody = route.TakesBody;

        // Bodies: malformed, truncated, wrong top-level types, huge, wrong content type.
        var valid = RouteTable.SampleBody(fields);
        var bodies = new List<(string Body, string Kind, string ContentType)>
        {
            ("{", "truncated", "application/json"), ("{\"a\":", "truncated", "application/json"),
            (valid.Length > 2 ? valid[..(valid.Length / 2)] : "[", "truncated-valid", "application/json"),
            ("not json", "malformed", "application/json"), ("{'a':1}", "malformed", "application/json"),
            ("[]", "array", "application/json"), ("\"text\"", "string", "application/json"), ("123", "number", "application/json"),
            ("null", "null", "application/json"), ("{\"\\u0000\":\"\\u0000\",\"\\ud800\":\"\\udfff\"}", "nul-keys", "application/json"),
            (valid, "valid-shape", "text/plain"), ("\0\0\0", "binary", "application/json"),
            ("{\"x\":" + new string('[', 2_000) + new string(']', 2_000) + "}", "deep-nesting", "application/json"),
        };
        foreach (var field in fields)
        {
            foreach (var (value, kind) in HostileValues(field))
                bodies.Add((Replace(valid, field.Name, value), $"{field.Name}:{kind}", "application/json"));
        }
        if (takesBody)
            foreach (var (body, kind, type) in bodies)
                yield return new Probe(route.Method, realUrl, body, type, kind);
        else
            foreach (var (body, kind, type) in bodies.Take(3))
                yield return new Probe(route.Method, realUrl, body, type, "unexpected-body:" + kind);

        // Route parameters: invalid, nil, foreign, over-long, NUL, bad escapes.
        if (route.Parameters.Count > 0)
        {
            // A NUL or an invalid escape in the path itself is refused by Kestrel before the application runs (and
            // the in-memory test host cannot even build such a request), so the path variants stay decodable.
            string[] ids = ["not-a-uuid", Guid.Empty.ToString(), Guid.NewGuid().ToString(), "%01", "%E2%80%AE",
                new string('a', 3_000), "1", "-1", "ALI-999999999999999999999", "..%2F..%2Fhealth", "%F0%9F%9A%80", " "];
            foreach (var id in ids)
                yield return new Probe(route.Method, Url(_ => id), takesBody ? valid : null, "application/json", "param:" + id[..Math.Min(12, id.Length)]);
            foreach (var name in route.Parameters)
                yield return new Probe(route.Method, Url(n => n == name ? Guid.NewGuid().ToString() : Real(n)), takesBody ? valid : null,
                    "application/json", "foreign:" + name);
        }

        // Query strings.
        string[] queries = ["limit=abc", "limit=-1", "limit=99999999999999999999", "offset=-5", "since=garbage", "since=%00",
            "workspace_id=not-a-guid", "workspace_id=" + Guid.NewGuid(), "workspace_slug=%ED%A0%80", "status=%FF%FE", "a=%ZZ&b=%",
            "since=9999-99-99T99:99:99Z&limit=0", "include_archived=maybe", "q=" + new string('x', 5_000)];
        foreach (var query in queries)
            yield return new Probe(route.Method, realUrl + "?" + query, takesBody ? valid : null, "application/json", "query:" + query[..Math.Min(12, query.Length)]);

        // Wrong methods: one the route does not map (chosen deterministically).
        var others = AllMethods.Where(m => m != route.Method).ToArray();
        yield return new Probe(others[random.Next(others.Length)], realUrl, "{}", "application/json", "wrong-method");
    }

    private static IEnumerable<(string Json, string Kind)> HostileValues(BodyField field)
    {
        yield return ("\"a\\u0000b\"", "nul");
        yield return ("\"x\\ud800y\"", "lone-surrogate");
        yield return ("\"" + new string('z', 70_000) + "\"", "over-long");
        yield return (field.Type == "string" ? "12345" : "\"wrong type\"", "wrong-type");
        yield return (field.Type == "array" ? "{\"a\":1}" : "[1,\"\\u0000\",{}]", "array");
        yield return ("{\"\\u0000\":{\"k\":\"\\udc00\"}}", "object");
        yield return ("1e999", "huge-number");
        yield return ("-9223372036854775809", "int-overflow");
    }

    private static string Replace(string validBody, string field, string value)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(validBody)!.AsObject();
        node.Remove(field);
        var prefix = node.Count == 0 ? "{" : node.ToJsonString()[..^1] + ",";
        return prefix + JsonSerializer.Serialize(field) + ":" + value + "}";
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
