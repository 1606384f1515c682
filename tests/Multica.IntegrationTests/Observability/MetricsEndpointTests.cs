using System.Diagnostics.Metrics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.DaemonProtocol.Sweeper.SweepStaleWork;
using Multica.IntegrationTests.DaemonProtocol;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Observability;

/// <summary>
/// Drives a task through its life (socket and HTTP heartbeats, a wake-up, an empty and a successful claim, start,
/// complete, a sweep) with a web client connected, then reads /metrics: each instrument is there with its labels.
/// The meter is process-wide, so other tests only add to the counts; every assertion is "at least what we did".
/// </summary>
public sealed class MetricsEndpointTests
{
    [Test]
    public async Task Metrics_ExposeEachInstrument_AfterATaskLifecycle()
    {
        var w = await DaemonTestData.WorldAsync();
        var agentId = await DaemonTestData.AgentAsync(w.Workspace.Id, w.RuntimeId);

        // A web client on /ws and a daemon socket for the runtime stay connected while metrics are read.
        var webClient = TestEnvironment.Factory.Server.CreateWebSocketClient();
        webClient.ConfigureRequest = r => r.Headers["Cookie"] = $"multica_auth={w.Owner.Jwt}";
        using var web = await webClient.ConnectAsync(
            new Uri(TestEnvironment.Factory.Server.BaseAddress, $"/ws?workspace_id={w.Workspace.Id}"), CancellationToken.None);
        await web.SendAsync(Encoding.UTF8.GetBytes("""{"type":"ping"}"""), WebSocketMessageType.Text, true, CancellationToken.None);
        Assert.That(await ReceiveTypeAsync(web), Is.EqualTo("pong"));

        await using var socket = await DaemonSocketTestClient.ConnectAsync(w.Pat, w.RuntimeId);
        await socket.HeartbeatAsync(w.RuntimeId);
        Assert.That(await socket.WaitForAsync("daemon:heartbeat_ack"), Is.Not.Null);

        // Nothing queued yet: an empty claim.
        await w.Daemon.PostAsync("/api/daemon/heartbeat", new { runtime_id = w.Runtime }).ExpectAsync(HttpStatusCode.OK);
        var empty = await w.Daemon.PostAsync($"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim").ExpectAsync(HttpStatusCode.OK);
        Assert.That(empty.GetProperty("task").ValueKind, Is.EqualTo(JsonValueKind.Null));

        // Assigning an issue to the agent queues a task and wakes the daemon socket.
        var webApi = WorkspaceData.WorkspaceClient(w.Owner.Jwt, w.Workspace.Id);
        await webApi.PostAsync("/api/issues", new { title = "Observe me", assignee_type = "agent", assignee_id = agentId })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.That(await socket.WaitForAsync("daemon:task_available"), Is.Not.Null);

        var task = await DaemonTestData.ClaimAndStartAsync(w);
        await w.Daemon.PostAsync($"/api/daemon/tasks/{task.Str("id")}/complete", new { output = "done" }).ExpectAsync(HttpStatusCode.OK);

        // A second task stays queued for the per-runtime gauge.
        await DaemonTestData.TaskAsync(agentId, w.RuntimeId);

        var sweepsBefore = (await ScrapeUntilAsync(_ => true)).Sum("multica_sweeper_runs_total");
        await using (var scope = TestEnvironment.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SweepStaleWorkCommand());

        // The queue gauges come from a snapshot refreshed in the background: read until it includes our queued task.
        // The exporter may answer with the page it rendered for another test's scrape up to 300 ms before (its scrape
        // cache), so also until the page counts our sweep (no other sweep runs meanwhile: the tests that sweep are not
        // run in parallel with others).
        var samples = await ScrapeUntilAsync(s => s.Sum("multica_tasks_queued", ("runtime_id", w.Runtime)) >= 1
                                                   && s.Sum("multica_sweeper_runs_total") > sweepsBefore);

        Assert.Multiple(() =>
        {
            Assert.That(samples.Sum("multica_daemon_heartbeats_total", ("transport", "http")), Is.GreaterThan(0));
            Assert.That(samples.Sum("multica_daemon_heartbeats_total", ("transport", "socket")), Is.GreaterThan(0));
            Assert.That(samples.Sum("multica_task_claims_total", ("outcome", "claimed")), Is.GreaterThan(0));
            Assert.That(samples.Sum("multica_task_claims_total", ("outcome", "empty")), Is.GreaterThan(0));
            Assert.That(samples.Sum("multica_task_claim_duration_seconds_count", ("outcome", "claimed")), Is.GreaterThan(0));
            Assert.That(samples.Sum("multica_task_claim_duration_seconds_count", ("outcome", "empty")), Is.GreaterThan(0));
            Assert.That(samples.Sum("multica_task_pickup_latency_seconds_count"), Is.GreaterThan(0));
            Assert.That(samples.Has("multica_task_pickup_latency_seconds_bucket", ("le", "+Inf")), Is.True);
            Assert.That(samples.Sum("multica_tasks_queued", ("runtime_id", w.Runtime)), Is.EqualTo(1));
            Assert.That(samples.Sum("multica_tasks", ("status", "queued")), Is.GreaterThan(0));
            Assert.That(samples.Has("multica_tasks", ("status", "running")), Is.True);
            Assert.That(samples.Sum("multica_runtimes_online"), Is.GreaterThan(0));
            Assert.That(samples.Sum("multica_realtime_clients"), Is.GreaterThan(0));
            Assert.That(samples.Sum("multica_daemon_sockets"), Is.GreaterThan(0));
            Assert.That(samples.Sum("multica_daemon_wakeups_total", ("type", "daemon:task_available")), Is.GreaterThan(0));
            Assert.That(samples.Sum("multica_sweeper_runs_total", ("result", "ok")), Is.GreaterThan(0));
            Assert.That(samples.Has("multica_sweeper_swept_total", ("kind", "tasks_timed_out")), Is.True);
            Assert.That(samples.Has("multica_sweeper_swept_total", ("kind", "runtimes_offline")), Is.True);
            // The built-in request histogram, per route template.
            Assert.That(samples.Sum("http_server_request_duration_seconds_count", ("http_route", "api/daemon/heartbeat")),
                Is.GreaterThan(0));
            // Runtime and Npgsql instrumentation are exported too.
            Assert.That(samples.Any(s => s.Name.StartsWith("dotnet_", StringComparison.Ordinal)), Is.True, "runtime metrics");
            Assert.That(samples.Any(s => s.Name.StartsWith("db_client_", StringComparison.Ordinal)), Is.True, "Npgsql metrics");
        });
    }

    [Test]
    public async Task IssueReactionsQueued_CountsAnEventFromItsPublishUntilItsReactionRan()
    {
        var w = await DaemonTestData.WorldAsync();
        var queued = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "multica.issue_reactions.queued")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            if (value > 0)
                Interlocked.Increment(ref queued);
        });
        listener.Start();

        var webApi = WorkspaceData.WorkspaceClient(w.Owner.Jwt, w.Workspace.Id);
        await webApi.PostAsync("/api/issues", new { title = "React to me" }).ExpectAsync(HttpStatusCode.Created);
        for (var i = 0; i < 50 && Volatile.Read(ref queued) == 0; i++)
            await Task.Delay(100);
        // The meter is process-wide: the count may include other tests' events, never fewer than ours.
        Assert.That(Volatile.Read(ref queued), Is.GreaterThan(0), "queued events are counted");

        // Every counted event is taken off once its reaction ran, so the node's gauge comes back to zero (other
        // tests' events come and go on the same meter; the scrape waits for a moment with none in flight).
        var samples = await ScrapeUntilAsync(s => s.Has("multica_issue_reactions_queued") && s.Sum("multica_issue_reactions_queued") == 0);
        Assert.Multiple(() =>
        {
            Assert.That(samples.Sum("multica_issue_reactions_queued"), Is.EqualTo(0));
            // Each reaction transaction is counted with its number of events, in buckets up to the lanes' batch limit.
            Assert.That(samples.Sum("multica_issue_reactions_batch_size_count"), Is.GreaterThan(0));
            Assert.That(samples.Sum("multica_issue_reactions_batch_size_sum"),
                Is.GreaterThanOrEqualTo(samples.Sum("multica_issue_reactions_batch_size_count")));
            Assert.That(samples.Has("multica_issue_reactions_batch_size_bucket", ("le", "64")), samples.Count.ToString());
        });
    }

    private static async Task<IReadOnlyList<PrometheusText.Sample>> ScrapeUntilAsync(Func<IReadOnlyList<PrometheusText.Sample>, bool> ready)
    {
        var client = TestData.Anonymous();
        IReadOnlyList<PrometheusText.Sample> samples = [];
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var response = await client.GetAsync("/metrics");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            samples = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
            if (ready(samples))
                return samples;
            await Task.Delay(200);
        }
        return samples;
    }

    private static async Task<string?> ReceiveTypeAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count));
        return doc.RootElement.GetProperty("type").GetString();
    }
}
