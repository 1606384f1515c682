using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Multica.Bench;

/// <summary>
/// Time from "the enqueue request returned" to "the daemon holds the claimed task", for a daemon that
/// polls claim on a fixed interval and for one woken by the daemon WebSocket.
/// </summary>
public static class PickupLatency
{
    public static async Task<List<double>> PollingAsync(BenchWorld world, TimeSpan interval, int samples)
    {
        var results = new List<double>();
        var random = new Random(42);
        for (var i = 0; i < samples; i++)
        {
            // The enqueue lands at a random point of the daemon's poll cycle.
            var cycleStart = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * interval.TotalMilliseconds));
            await Setup.CreateAssignedIssueAsync(world, $"poll {i}");
            var enqueued = Stopwatch.GetTimestamp();

            // Next poll happens at the next multiple of the interval since the cycle start.
            var sinceCycle = Stopwatch.GetElapsedTime(cycleStart);
            var wait = interval - TimeSpan.FromTicks(sinceCycle.Ticks % interval.Ticks);
            JsonElement task;
            while (true)
            {
                await Task.Delay(wait);
                task = (await world.Daemon.PostAsync($"/api/daemon/runtimes/{world.RuntimeId}/tasks/claim")).GetProperty("task");
                if (task.ValueKind == JsonValueKind.Object)
                    break;
                wait = interval;
            }
            results.Add(Stopwatch.GetElapsedTime(enqueued).TotalMilliseconds);
            await Setup.FinishAsync(world, task);
        }
        return results;
    }

    public static async Task<List<double>> WebSocketAsync(BenchWorld world, int samples)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + world.Pat);
        var wsUri = new UriBuilder(world.Daemon.Server) { Scheme = world.Daemon.Server.Scheme == "https" ? "wss" : "ws", Path = "/api/daemon/ws", Query = $"runtime_ids={world.RuntimeId}" }.Uri;
        await socket.ConnectAsync(wsUri, CancellationToken.None);

        var results = new List<double>();
        var buffer = new byte[1 << 20];
        for (var i = 0; i < samples; i++)
        {
            await Setup.CreateAssignedIssueAsync(world, $"ws {i}");
            var enqueued = Stopwatch.GetTimestamp();
            JsonElement task = default;
            while (task.ValueKind != JsonValueKind.Object)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var frame = await socket.ReceiveAsync(buffer, timeout.Token);
                using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, frame.Count));
                if (doc.RootElement.GetProperty("type").GetString() != "daemon:task_available")
                    continue;
                task = (await world.Daemon.PostAsync($"/api/daemon/runtimes/{world.RuntimeId}/tasks/claim")).GetProperty("task");
            }
            results.Add(Stopwatch.GetElapsedTime(enqueued).TotalMilliseconds);
            await Setup.FinishAsync(world, task);
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        return results;
    }

    /// <summary>
    /// Enqueue through the world's server, the wake-up on a daemon socket held by <paramref name="socketServer"/>
    /// (the same server or another node), then the claim as the tasks.claim RPC over that socket.
    /// </summary>
    public static async Task<List<double>> SocketRpcAsync(BenchWorld world, Uri socketServer, int samples)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + world.Pat);
        socket.Options.SetRequestHeader("X-Client-Capabilities", "rpc-v1");
        var wsUri = new UriBuilder(socketServer) { Scheme = socketServer.Scheme == "https" ? "wss" : "ws", Path = "/api/daemon/ws", Query = $"runtime_ids={world.RuntimeId}" }.Uri;
        await socket.ConnectAsync(wsUri, CancellationToken.None);

        var results = new List<double>();
        var buffer = new byte[1 << 20];
        async Task<JsonElement> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var frame = await socket.ReceiveAsync(buffer, timeout.Token);
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, frame.Count));
            return doc.RootElement.Clone();
        }
        for (var i = 0; i < samples; i++)
        {
            await Setup.CreateAssignedIssueAsync(world, $"rpc {i}");
            var enqueued = Stopwatch.GetTimestamp();
            JsonElement task = default;
            while (task.ValueKind != JsonValueKind.Object)
            {
                if ((await NextAsync()).GetProperty("type").GetString() != "daemon:task_available")
                    continue;
                var requestId = Guid.NewGuid().ToString("N");
                var request = JsonSerializer.Serialize(new
                {
                    type = "daemon:rpc_request",
                    payload = new { request_id = requestId, method = "tasks.claim", timeout_ms = 5000,
                        body = new { daemon_id = world.DaemonId, runtime_ids = new[] { world.RuntimeId }, max_tasks = 1 } },
                });
                await socket.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, true, CancellationToken.None);
                while (true)
                {
                    var reply = await NextAsync();
                    if (reply.GetProperty("type").GetString() != "daemon:rpc_response" ||
                        reply.GetProperty("payload").GetProperty("request_id").GetString() != requestId)
                        continue;
                    var tasks = reply.GetProperty("payload").GetProperty("body").GetProperty("tasks");
                    if (tasks.GetArrayLength() > 0)
                        task = tasks[0].Clone();
                    break;
                }
            }
            results.Add(Stopwatch.GetElapsedTime(enqueued).TotalMilliseconds);
            await Setup.FinishAsync(world, task);
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        return results;
    }
}
