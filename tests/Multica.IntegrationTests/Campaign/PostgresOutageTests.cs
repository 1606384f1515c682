using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Multica.IntegrationTests.Observability;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Campaign;

/// <summary>
/// PostgreSQL stopped and started under load, with the server left running: while the database is away every answer
/// is a 200 (served without it) or 503 <c>{"error":"database unavailable"}</c> — never another 5xx — and once it is
/// back every kind of request succeeds again without a server restart. The database is a private cluster of this test
/// (stopping the suite's shared one would fail every other test).
/// </summary>
public sealed class PostgresOutageTests
{
    private const int Workers = 4;

    [Test, CancelAfter(180_000)]
    public async Task PostgresStoppedUnderLoad_Answers503_AndRecoversWithoutARestart(CancellationToken ct)
    {
        ThrowawayPostgres postgres;
        try
        {
            // Away from the ports the readiness test's cluster starts from (57432…).
            postgres = await ThrowawayPostgres.StartAsync(firstPort: 58432 + Random.Shared.Next(0, 2_000));
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("no local PostgreSQL server binaries to stop and start a private cluster: " + e.Message);
            return;
        }
        await using var _ = postgres;
        await using var server = new MulticaApiFactory(postgres.DatabaseUrl, redisUrl: null);
        var (jwt, pat, workspace, runtime) = await SeedAsync(server);

        var user = new ApiClient(server.CreateClient(), jwt);
        user.Http.DefaultRequestHeaders.Add("X-Workspace-ID", workspace);
        var daemon = new ApiClient(server.CreateClient(), pat);
        var calls = new (string Name, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("heartbeat", () => daemon.PostAsync("/api/daemon/heartbeat", new { runtime_id = runtime })),
            ("claim", () => daemon.PostAsync($"/api/daemon/runtimes/{runtime}/tasks/claim")),
            ("list issues", () => user.GetAsync("/api/issues")),
            ("create issue", () => user.PostAsync("/api/issues", new { title = "during the outage" })),
        };

        var phase = "before";
        var answers = new ConcurrentQueue<(string Phase, string Call, int Status, string Body)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var load = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            for (var i = w; !stop.IsCancellationRequested; i++)
            {
                var (name, send) = calls[i % calls.Length];
                var current = Volatile.Read(ref phase);
                using var response = await send();
                answers.Enqueue((current, name, (int)response.StatusCode, await response.Content.ReadAsStringAsync(CancellationToken.None)));
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None)).ToArray();

        await Task.Delay(1_500, ct);
        Volatile.Write(ref phase, "down");
        await postgres.StopAsync();
        await Task.Delay(3_000, ct);
        Volatile.Write(ref phase, "restarting");
        await postgres.StartAgainAsync();
        var back = Stopwatch.StartNew();
        Volatile.Write(ref phase, "after");
        // Recovered: every kind of call answers 2xx again, with the same server.
        var recovered = new HashSet<string>();
        while (recovered.Count < calls.Length && back.Elapsed < TimeSpan.FromSeconds(30))
        {
            foreach (var (name, send) in calls)
            {
                using var response = await send();
                if (response.IsSuccessStatusCode)
                    recovered.Add(name);
            }
            await Task.Delay(50, ct);
        }
        var recovery = back.Elapsed;
        await Task.Delay(1_000, ct);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var all = answers.ToList();
        var down = all.Where(a => a.Phase == "down").ToList();
        TestContext.Out.WriteLine($"postgres outage: {all.Count} requests; while down {down.Count} " +
                                  $"({down.Count(a => a.Status == 503)} × 503, {down.Count(a => a.Status < 300)} × 2xx); " +
                                  $"every call kind succeeded again {recovery.TotalSeconds:F2} s after PostgreSQL was back; while down: " +
                                  string.Join(", ", down.GroupBy(a => $"{a.Call} {a.Status}").OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}")));
        var bad = all.Where(a => a.Status >= 500 && !(a.Status == 503 && IsDatabaseUnavailable(a.Body)))
            .Select(a => $"{a.Phase} {a.Call} → {a.Status} {a.Body}").Distinct().ToList();
        Assert.That(bad, Is.Empty, "a 5xx other than 503 database unavailable");
        Assert.That(down.Count(a => a.Status == 503), Is.GreaterThan(0), "the outage was seen by the load");
        Assert.That(recovered, Has.Count.EqualTo(calls.Length), "every call kind succeeded again without a server restart");
        Assert.That(all.Where(a => a.Phase == "before" && a.Status >= 300).Select(a => $"{a.Call} → {a.Status} {a.Body}"), Is.Empty,
            "the load succeeded before the outage");
    }

    private static bool IsDatabaseUnavailable(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var e) && e.GetString() == "database unavailable";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A user, a workspace, a PAT and a registered runtime on the private server.</summary>
    private static async Task<(string Jwt, string Pat, string Workspace, string Runtime)> SeedAsync(MulticaApiFactory server)
    {
        var email = TestData.UniqueEmail("pg-outage");
        var anonymous = new ApiClient(server.CreateClient(), null);
        await anonymous.PostAsync("/auth/send-code", new { email }).ExpectAsync(HttpStatusCode.OK);
        var jwt = (await anonymous.PostAsync("/auth/verify-code", new { email, code = "888888" }).ExpectAsync(HttpStatusCode.OK)).Str("token");
        var user = new ApiClient(server.CreateClient(), jwt);
        var workspace = (await user.PostAsync("/api/workspaces", new { name = "Outage", slug = TestData.UniqueSlug() })
            .ExpectAsync(HttpStatusCode.Created)).Str("id");
        var pat = (await user.PostAsync("/api/tokens", new { name = "daemon" }).ExpectAsync(HttpStatusCode.Created)).Str("token");
        var registered = await new ApiClient(server.CreateClient(), pat).PostAsync("/api/daemon/register", new
        {
            workspace_id = workspace, daemon_id = "outage-daemon", device_name = "box", cli_version = "0.2.17",
            runtimes = new[] { new { name = "", type = "claude", version = "1.0", status = "online" } },
        }).ExpectAsync(HttpStatusCode.OK);
        return (jwt, pat, workspace, registered.GetProperty("runtimes")[0].Str("id"));
    }
}
