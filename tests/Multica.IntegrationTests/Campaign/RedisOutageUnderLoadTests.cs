using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.PendingRequests;
using Multica.Application.Tasks.Claiming;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.Campaign;

/// <summary>
/// Redis stopped (SIGKILL) under heartbeat load: heartbeats keep answering 200, and — because a disconnected Redis fails
/// at once and a connected one is bounded by a 1 s command timeout — they stay well clear of the 6 s client timeout that
/// used to hold each one. The Redis is a private server of this test (the suite's shared one must stay up).
/// </summary>
public sealed class RedisOutageUnderLoadTests
{
    private const int Workers = 4;

    [Test, CancelAfter(120_000)]
    public async Task RedisKilledUnderHeartbeatLoad_HeartbeatsStay200AndFast(CancellationToken ct)
    {
        var port = ServerProcess.FreePort();
        using var redis = await PrivateRedisAsync(port, ct);
        var w = await WorldAsync();
        await using var server = new MulticaApiFactory(TestEnvironment.DatabaseUrl, $"127.0.0.1:{port}");
        var daemon = new ApiClient(server.CreateClient(), w.Pat);

        var load = RequestLoad.Start(daemon, w.RuntimeId, ct);
        await Task.Delay(2_000, ct);
        redis.Kill();
        await redis.WaitForExitAsync(ct);
        load.Phase = "down";
        await Task.Delay(5_000, ct);
        var all = await load.StopAsync();
        var before = all.Where(s => s.Phase == "before").Select(s => s.Ms).Order().ToList();
        var down = all.Where(s => s.Phase == "down").Select(s => s.Ms).Order().ToList();
        TestContext.Out.WriteLine($"redis outage: {all.Count} heartbeats; before p50 {Percentile(before, 0.5):F0} ms, " +
                                  $"p99 {Percentile(before, 0.99):F0} ms; Redis down p50 {Percentile(down, 0.5):F0} ms, " +
                                  $"p99 {Percentile(down, 0.99):F0} ms, max {down.LastOrDefault():F0} ms ({down.Count} heartbeats)");
        Assert.That(all.Where(s => s.Status != 200).Select(s => $"{s.Phase} {s.Status}"), Is.Empty, "every heartbeat answered 200");
        Assert.That(down, Has.Count.GreaterThan(20), "heartbeats kept flowing while Redis was down");
        // Bounds for the failure this guards against (each heartbeat holding the 6 s client timeout), not a speed figure.
        Assert.That(Percentile(down, 0.5), Is.LessThan(500), "the typical heartbeat did not wait on Redis");
        Assert.That(down[^1], Is.LessThan(3_000), "no heartbeat waited out the Redis client timeout");
    }

    /// <summary>
    /// A Redis that is connected but answers nothing (<c>CLIENT PAUSE</c>): each heartbeat probe would wait out its 1 s
    /// bound for as long as the pause lasts; the breaker (PendingStoreBreaker) opens after the first few, so the rest
    /// answer at once, and probing resumes once Redis answers again. Nothing-pending marks are off here, so every
    /// heartbeat would probe.
    /// </summary>
    [Test, CancelAfter(120_000)]
    public async Task RedisConnectedButPaused_OnlyTheFirstHeartbeatsWaitForIt(CancellationToken ct) =>
        await WithPrivateRedisAsync(async port =>
        {
            var w = await WorldAsync();
            await using var server = new MulticaApiFactory(TestEnvironment.DatabaseUrl, $"127.0.0.1:{port}",
                new Dictionary<string, string?> { ["Tasks:EmptyPollMarkSeconds"] = "0" });
            var daemon = new ApiClient(server.CreateClient(), w.Pat);
            var breaker = server.Services.GetRequiredService<PendingStoreBreaker>();

            var load = RequestLoad.Start(daemon, w.RuntimeId, ct);
            await Task.Delay(1_500, ct);
            var (all, openedDuringThePause) = await PauseUnderLoadAsync(port, load, breaker, ct);
            var paused = all.Where(s => s.Phase == "paused").Select(s => s.Ms).Order().ToList();
            var slow = paused.Count(ms => ms >= 900);
            TestContext.Out.WriteLine($"redis paused {PauseMs} ms: {paused.Count} heartbeats, {slow} waited for the bound, " +
                                      $"p50 {Percentile(paused, 0.5):F0} ms, max {paused.LastOrDefault():F0} ms");
            Assert.That(openedDuringThePause, Is.True, "the breaker opened during the pause");
            Assert.That(all.Where(s => s.Status != 200).Select(s => $"{s.Phase} {s.Status}"), Is.Empty, "every heartbeat answered 200");
            Assert.That(paused, Has.Count.GreaterThan(20), "heartbeats kept flowing while Redis was paused");
            // Without the breaker every heartbeat of the pause waits the 1 s bound (about PauseMs / 1 s per worker).
            Assert.That(slow, Is.LessThanOrEqualTo(2 * Workers), "only the heartbeats before the breaker opened waited");
            Assert.That(breaker.IsOpen, Is.False, "closed again once Redis answered");
        }, ct);

    /// <summary>
    /// The web app's "list models" (a pending-request create) on a Redis that is connected but paused: each create would
    /// wait out the client's 1 s command timeout for as long as the pause lasts; the breaker opens after the first few,
    /// so the rest are refused at once (with the same 500 the timeout gives), and creates work again once Redis answers.
    /// </summary>
    [Test, CancelAfter(120_000)]
    public async Task RedisConnectedButPaused_OnlyTheFirstCreatesWaitForIt(CancellationToken ct) =>
        await WithPrivateRedisAsync(async port =>
        {
            var w = await WorldAsync();
            await using var server = new MulticaApiFactory(TestEnvironment.DatabaseUrl, $"127.0.0.1:{port}");
            var user = new ApiClient(server.CreateClient(), w.Pat);
            user.Http.DefaultRequestHeaders.Add("X-Workspace-ID", w.Workspace.Id.ToString());
            var models = $"/api/runtimes/{w.RuntimeId}/models";
            await user.PostAsync(models).ExpectAsync(HttpStatusCode.OK);
            var breaker = server.Services.GetRequiredService<PendingStoreBreaker>();

            var load = RequestLoad.Start(() => user.PostAsync(models), ct);
            await Task.Delay(500, ct);
            var (all, openedDuringThePause) = await PauseUnderLoadAsync(port, load, breaker, ct);
            var paused = all.Where(s => s.Phase == "paused").ToList();
            var slow = paused.Count(s => s.Ms >= 900);
            TestContext.Out.WriteLine($"redis paused {PauseMs} ms: {paused.Count} creates, {slow} waited for the timeout, " +
                                      $"statuses {string.Join(", ", paused.GroupBy(s => s.Status).Select(g => $"{g.Key}×{g.Count()}"))}");
            Assert.That(openedDuringThePause, Is.True, "the breaker opened during the pause");
            Assert.That(paused.Select(s => s.Status), Is.All.EqualTo(200).Or.EqualTo(500), "a create either went through or failed as on a timeout");
            Assert.That(paused, Has.Count.GreaterThan(20), "creates kept being answered while Redis was paused");
            // Without the breaker every create of the pause waits the 1 s timeout (about PauseMs / 1 s per worker).
            Assert.That(slow, Is.LessThanOrEqualTo(2 * Workers), "only the creates before the breaker opened waited");
            Assert.That(breaker.IsOpen, Is.False, "closed again once Redis answered");
            Assert.That(all.TakeLast(Workers).Select(s => s.Status), Is.All.EqualTo(200), "creates work again after the pause");
        }, ct);

    private const int PauseMs = 4_000;

    /// <summary>
    /// <c>CLIENT PAUSE</c> of <see cref="PauseMs"/> under the running load, then the breaker's open period (5 s, longer
    /// than the pause) and a second, so a trial has answered; every sample by phase, and whether the breaker was open
    /// when the pause ended.
    /// </summary>
    private static async Task<(List<(string Phase, int Status, double Ms)> All, bool OpenedDuringThePause)> PauseUnderLoadAsync(
        int port, RequestLoad load, PendingStoreBreaker breaker, CancellationToken ct)
    {
        await RedisCliAsync(port, ct, "CLIENT", "PAUSE", PauseMs.ToString(), "ALL");
        load.Phase = "paused";
        await Task.Delay(PauseMs, ct);
        load.Phase = "after";
        var opened = breaker.IsOpen;
        await Task.Delay(PendingStoreBreaker.OpenFor + TimeSpan.FromSeconds(1), ct);
        return (await load.StopAsync(), opened);
    }

    /// <summary>Runs <paramref name="body"/> with a private Redis on a free port, killed afterwards whatever happened.</summary>
    private static async Task WithPrivateRedisAsync(Func<int, Task> body, CancellationToken ct)
    {
        var port = ServerProcess.FreePort();
        using var redis = await PrivateRedisAsync(port, ct);
        try
        {
            await body(port);
        }
        finally
        {
            try { redis.Kill(); } catch (InvalidOperationException) { }
        }
    }

    /// <summary>
    /// <see cref="Workers"/> loops sending one request every 25 ms (a runtime's heartbeat, or any other), each answer
    /// recorded with its status, its time and the phase it started in.
    /// </summary>
    private sealed class RequestLoad
    {
        private readonly List<(string Phase, int Status, double Ms)> _samples = [];
        private readonly CancellationTokenSource _stop;
        private Task[] _workers = [];
        private string _phase = "before";

        private RequestLoad(CancellationToken ct) => _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        public string Phase
        {
            get => Volatile.Read(ref _phase);
            set => Volatile.Write(ref _phase, value);
        }

        /// <summary>Heartbeats of one runtime.</summary>
        public static RequestLoad Start(ApiClient daemon, Guid runtimeId, CancellationToken ct) =>
            Start(() => daemon.PostAsync("/api/daemon/heartbeat", new { runtime_id = runtimeId }), ct);

        public static RequestLoad Start(Func<Task<HttpResponseMessage>> send, CancellationToken ct)
        {
            var load = new RequestLoad(ct);
            load._workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                while (!load._stop.IsCancellationRequested)
                {
                    var phase = load.Phase;
                    var clock = Stopwatch.StartNew();
                    using var response = await send();
                    lock (load._samples)
                        load._samples.Add((phase, (int)response.StatusCode, clock.Elapsed.TotalMilliseconds));
                    await Task.Delay(25, CancellationToken.None);
                }
            }, CancellationToken.None)).ToArray();
            return load;
        }

        public async Task<List<(string Phase, int Status, double Ms)>> StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_workers);
            _stop.Dispose();
            lock (_samples)
                return [.. _samples];
        }
    }

    private static async Task RedisCliAsync(int port, CancellationToken ct, params string[] args)
    {
        using var cli = Process.Start(new ProcessStartInfo("redis-cli", ["-p", port.ToString(), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        await cli.WaitForExitAsync(ct);
        Assert.That(cli.ExitCode, Is.EqualTo(0), await cli.StandardError.ReadToEndAsync(ct));
    }

    /// <summary>
    /// While the node's Redis link is down a wake-up from another node could be missed, so an empty poll is not
    /// answered from memory (docs/daemon-protocol.md, "Empty polls"); once Redis is back, marks are set again.
    /// </summary>
    [Test, CancelAfter(120_000)]
    public async Task RedisLinkLost_SuspendsTheEmptyPollMarks_UntilItReturns(CancellationToken ct)
    {
        var port = ServerProcess.FreePort();
        var redis = StartRedis(port);
        if (redis is null)
        {
            Assert.Ignore("redis-server is not installed: no private Redis to stop");
            return;
        }
        try
        {
            await WaitForRedisAsync(port, ct);
            var w = await WorldAsync();
            await using var server = new MulticaApiFactory(TestEnvironment.DatabaseUrl, $"127.0.0.1:{port}");
            var daemon = new ApiClient(server.CreateClient(), w.Pat);
            var marks = server.Services.GetRequiredService<EmptyQueueMarks>();
            Task Poll() => daemon.PostAsync($"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim").ExpectAsync(HttpStatusCode.OK);

            await Poll();
            Assert.That(marks.IsKnownEmpty(w.RuntimeId), Is.True, "an empty poll is remembered while the link is up");

            redis.Kill();
            await redis.WaitForExitAsync(ct);
            await WaitUntilAsync(() => !marks.IsKnownEmpty(w.RuntimeId), ct);
            await Poll();
            Assert.That(marks.IsKnownEmpty(w.RuntimeId), Is.False, "no mark is set while the link is down");

            redis.Dispose();
            redis = StartRedis(port)!;
            await WaitForRedisAsync(port, ct);
            await WaitUntilAsync(async () =>
            {
                await Poll();
                return marks.IsKnownEmpty(w.RuntimeId);
            }, ct);
            Assert.That(marks.IsKnownEmpty(w.RuntimeId), Is.True, "marks are set again once the link is back");
        }
        finally
        {
            try { redis.Kill(); } catch (InvalidOperationException) { }
            redis.Dispose();
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, CancellationToken ct) =>
        WaitUntilAsync(() => Task.FromResult(condition()), ct);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
                return;
            await Task.Delay(100, ct);
        }
        Assert.Fail("the condition did not hold within 30 s");
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>A private redis-server of the test, listening; the test is ignored where none is installed.</summary>
    private static async Task<Process> PrivateRedisAsync(int port, CancellationToken ct)
    {
        var redis = StartRedis(port);
        if (redis is null)
            Assert.Ignore("redis-server is not installed: no private Redis to stop or pause");
        await WaitForRedisAsync(port, ct);
        return redis!;
    }

    private static Process? StartRedis(int port)
    {
        try
        {
            return Process.Start(new ProcessStartInfo("redis-server",
                ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static async Task WaitForRedisAsync(int port, CancellationToken ct)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, ct);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, ct);
            }
        }
        Assert.Fail("the private redis-server did not start listening");
    }
}
