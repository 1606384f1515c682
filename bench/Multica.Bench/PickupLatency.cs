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
}
