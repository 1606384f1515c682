using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.Campaign;

/// <summary>
/// The isolation matrix: every mapped route (from the endpoint table, like the fuzzer) called with each credential
/// kind of workspace B — JWT, personal access token, daemon token, task token — naming workspace A's ids in the
/// path, selecting workspace A, and carrying A's ids in every id field of the body. A request that names A in its
/// path or selects A is refused with 401, 403 or 404 (the contract's answers: 404 so ids cannot be probed, 401 for a
/// credential the route family does not accept, 403 for a task token on a human-only route); no answer of any kind
/// carries A's data; and every row that mentions A is byte-for-byte the same afterwards. Any other answer to a path that
/// names A's ids (a body refused before the access check, an idempotent no-op on the caller's own data) must be exactly
/// the answer for ids that exist nowhere — so it cannot tell B whether A's row exists. A control pass, before and
/// after, reads each GET route that names ids with A's own JWT: none answers 404, so the 404s above are not 404s for
/// ids that never existed.
/// </summary>
public sealed class IsolationMatrixTests
{
    /// <summary>Public routes (no credential) and the two socket endpoints (not plain HTTP) are outside the matrix.</summary>
    private static readonly string[] Outside = ["/auth/", "/health", "/healthz", "/readyz", "/metrics", "/api/config", "/ws", "/api/daemon/ws"];

    /// <summary>Judged later, against the same call for ids that exist nowhere.</summary>
    private const string Unrefused = "unrefused";

    private sealed record Credential(string Kind, string Token);
    private sealed record Call(MappedRoute Route, Credential Credential, string Variant, string Url, string? Body, Guid? Workspace);

    /// <summary>About 1,300 requests, half a minute on an idle machine; the bound leaves room for a loaded one.</summary>
    [Test, CancelAfter(300_000)]
    public async Task EveryRoute_WithEveryCredentialOfWorkspaceB_IsRefusedOnWorkspaceA_AndLeavesItsRowsUnchanged(CancellationToken ct)
    {
        var a = await WorkspaceA.SeedAsync();
        var b = await DaemonProtocol.DaemonTestData.WorldAsync();
        var bClient = WorkspaceData.WorkspaceClient(b.Owner.Jwt, b.Workspace.Id);
        var bDaemonToken = await TestData.IssueDaemonTokenAsync(bClient, b.Workspace.Id, b.DaemonId);
        var bAgent = await AgentAsync(b.Workspace.Id, b.RuntimeId);
        var bIssue = await IssueAsync(b.Workspace.Id, b.Owner.Id);
        await TaskAsync(bAgent, b.RuntimeId, issueId: bIssue);
        var bTaskToken = (await ClaimAndStartAsync(b)).Str("auth_token");
        Credential[] credentials =
        [
            new("jwt", b.Owner.Jwt), new("pat", b.Pat), new("daemon", bDaemonToken), new("task", bTaskToken),
        ];

        var document = await TestData.Anonymous().GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var routes = RouteTable.MappedRoutes().Where(r => !Outside.Any(o => r.Path == o.TrimEnd('/') || r.Path.StartsWith(o, StringComparison.Ordinal)))
            .ToList();
        var unseeded = routes.SelectMany(r => r.Parameters.Where(p => a.IdFor(r.Pattern, p) is null).Select(p => $"{{{p}}} in {r.Pattern}")).ToList();
        Assert.That(unseeded, Is.Empty, "a route parameter the matrix has no workspace-A id for: seed one in WorkspaceA");

        var calls = new List<Call>();
        foreach (var route in routes)
        {
            var url = route.Url(p => a.IdFor(route.Pattern, p)!);
            // Only the id fields, each naming A's row: a body that decodes reaches the access check instead of a 400.
            var body = route.TakesBody ? RouteTable.SampleBody(RouteTable.Fields(document, route).Where(f => a.BodyValue(f) is not null).ToList(), a.BodyValue) : null;
            foreach (var credential in credentials)
            {
                if (route.IsDaemonRoute)
                {
                    calls.Add(new Call(route, credential, "a-ids", url, body, null));
                    continue;
                }
                calls.Add(new Call(route, credential, "select-a", url, body, a.WorkspaceId));
                if (route.Parameters.Count > 0)
                    calls.Add(new Call(route, credential, "a-ids-in-b", url, body, b.Workspace.Id));
            }
        }
        Assert.That(await ControlAsync(routes, a, ct), Is.Empty, "workspace A's owner could not find its own ids: the matrix would prove nothing");
        var before = await a.SnapshotAsync();
        var unrefused = new ConcurrentBag<(Call Call, int Status, string Text)>();
        // Which user routes read the selected workspace: asked of the route itself (B's JWT, no workspace selected).
        var workspaceScoped = new HashSet<MappedRoute>();
        foreach (var route in routes.Where(r => !r.IsDaemonRoute))
        {
            var (status, text) = await SendAsync(new Call(route, credentials[0], "probe", route.Url(p => a.IdFor(route.Pattern, p)!),
                route.TakesBody ? "{}" : null, null), ct);
            if (status == 400 && text.Contains("workspace_id or workspace_slug is required", StringComparison.Ordinal))
                workspaceScoped.Add(route);
        }

        var failures = new List<string>();
        var statuses = new Dictionary<string, int>();
        var refusals = new List<string>();
        // One route at a time (its calls in parallel): a call that changes B's own state cannot race another route's.
        foreach (var group in calls.GroupBy(c => c.Route))
        {
            await Parallel.ForEachAsync(group, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (call, token) =>
            {
                var (status, text) = await SendAsync(call, token);
                var problem = Judge(call, status, text, a, workspaceScoped.Contains(call.Route));
                if (problem == Unrefused)
                {
                    unrefused.Add((call, status, text));
                    problem = null;
                }
                lock (failures)
                {
                    var key = $"{call.Credential.Kind} {status}";
                    statuses[key] = statuses.GetValueOrDefault(key) + 1;
                    if (problem is null && status is 400 or 403)
                        refusals.Add($"{call.Credential.Kind} {call.Variant} {call.Route.Method} {call.Route.Pattern} → {status} {Shorten(text)}");
                    if (problem is not null)
                        failures.Add($"{call.Credential.Kind} {call.Variant} {call.Route.Method} {call.Url} → {status} {problem}: {Shorten(text)}");
                }
            });
        }
        // An answer that did not refuse A's ids must be the answer for ids that exist nowhere.
        var indistinguishable = 0;
        foreach (var (call, status, text) in unrefused)
        {
            var nowhere = Guid.NewGuid();
            var twin = call with { Url = a.WithoutIds(call.Url, nowhere), Body = call.Body is null ? null : a.WithoutIds(call.Body, nowhere) };
            var (twinStatus, twinText) = await SendAsync(twin, ct);
            if (twinStatus == status && twinText == a.WithoutIds(text, nowhere))
                indistinguishable++;
            else
                failures.Add($"{call.Credential.Kind} {call.Variant} {call.Route.Method} {call.Url} → {status} {Shorten(text)}, " +
                             $"but for ids that exist nowhere → {twinStatus} {Shorten(twinText)}: A's row is visible");
        }
        var after = await a.SnapshotAsync();

        TestContext.Out.WriteLine($"isolation matrix: {routes.Count} routes ({workspaceScoped.Count} workspace-scoped), {calls.Count} requests, " +
                                  $"{failures.Count} failures, {indistinguishable} other answers identical to those for ids that exist nowhere, " +
                                  $"{before.Count} rows of workspace A compared");
        foreach (var (key, count) in statuses.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            TestContext.Out.WriteLine($"  {key}: {count}");
        foreach (var refusal in refusals.Order(StringComparer.Ordinal))
            TestContext.Out.WriteLine("  accepted: " + refusal);
        foreach (var failure in failures.Order(StringComparer.Ordinal))
            TestContext.Out.WriteLine(failure);
        Assert.That(calls, Has.Count.GreaterThan(routes.Count * credentials.Length));
        Assert.That(failures.Take(40), Is.Empty, $"{failures.Count} answers crossed workspaces");
        Assert.That(after.Except(before), Is.Empty, "rows of workspace A changed or appeared");
        Assert.That(before.Except(after), Is.Empty, "rows of workspace A changed or vanished");
        Assert.That(before, Has.Count.GreaterThan(15), "the snapshot found workspace A's rows");

        // B's credentials still work, so the refusals above were not a credential that died half-way.
        await WorkspaceData.WorkspaceClient(b.Owner.Jwt, b.Workspace.Id).GetAsync("/api/issues").ExpectAsync(HttpStatusCode.OK);
        await TestData.ClientWith(b.Pat).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        await TestData.ClientWith(bDaemonToken).GetAsync($"/api/daemon/workspaces/{b.Workspace.Id}/repos").ExpectAsync(HttpStatusCode.OK);
        await TestData.ClientWith(bTaskToken).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);

        // Pending requests are kept only minutes (docs/pending-requests.md): on a slow machine they may be gone by now.
        Assert.That(await ControlAsync(routes.Where(r => !r.Parameters.Any(WorkspaceA.IsShortLived)), a, ct), Is.Empty,
            "after the matrix, workspace A's owner could not find its own ids");
    }

    /// <summary>A's own owner asks every GET route that names ids with A's ids: none may be "not found".</summary>
    private static async Task<List<string>> ControlAsync(IEnumerable<MappedRoute> routes, WorkspaceA a, CancellationToken ct)
    {
        var missing = new List<string>();
        foreach (var route in routes.Where(r => r.Method == "GET" && r.Parameters.Count > 0))
        {
            var (status, text) = await SendAsync(new Call(route, new Credential("jwt", a.OwnerJwt), "control",
                route.Url(p => a.IdFor(route.Pattern, p)!), null, a.WorkspaceId), ct);
            if (status == 404)
                missing.Add($"GET {route.Pattern} → {status}: {Shorten(text)}");
        }
        return missing;
    }

    /// <summary>Null when the answer keeps the workspaces apart; otherwise what crossed.</summary>
    private static string? Judge(Call call, int status, string body, WorkspaceA a, bool workspaceScoped)
    {
        if (status >= 500)
            return "server error";
        if (a.Leaks(body, call.Url + " " + call.Body))
            return "workspace A's data in the answer";
        var refused = status is 401 or 403 or 404;
        var kind = call.Credential.Kind;
        if (call.Route.IsDaemonRoute)
        {
            if (kind == "task")
                return status == 401 ? null : "a task token on a daemon route must be 401";
            return call.Route.Parameters.Count > 0 && !refused ? Unrefused : null;
        }
        if (kind == "daemon")
            return status == 401 ? null : "a daemon token on a user route must be 401";
        if (call.Route.Parameters.Count > 0 && !refused)
            return Unrefused;
        // A task token always acts in its own workspace (selecting A is ignored, not refused); a user credential that
        // selects A on a workspace-scoped route is refused.
        if (call.Variant == "select-a" && kind != "task" && workspaceScoped && !refused)
            return "selecting workspace A was not refused";
        return null;
    }

    private static async Task<(int Status, string Text)> SendAsync(Call call, CancellationToken ct)
    {
        var client = TestData.ClientWith(call.Credential.Token);
        using var request = new HttpRequestMessage(new HttpMethod(call.Route.Method), call.Url);
        if (call.Workspace is { } ws)
            request.Headers.Add("X-Workspace-ID", ws.ToString());
        if (call.Body is not null)
            request.Content = new StringContent(call.Body, Encoding.UTF8, "application/json");
        using var response = await client.Http.SendAsync(request, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
