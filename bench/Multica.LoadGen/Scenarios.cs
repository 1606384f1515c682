using System.Diagnostics;

namespace Multica.LoadGen;

public sealed record Run(Api Api, Options Options, ServerProbe Probe, Report Report)
{
    public Task<World> CreateWorldAsync(int daemons, int runtimesPerDaemon) =>
        World.CreateAsync(Api, daemons, runtimesPerDaemon, Options.Int("setup-parallel", 8));
}

public static class Scenarios
{
    /// <summary>
    /// Closed loop, like wrk: `connections` workers each send the next request as soon as the last one
    /// answered, for `duration` seconds after `warmup` seconds that are not reported.
    /// Routes: heartbeat (round-robin over the runtimes), poll (empty per-runtime claim), health, messages
    /// (batches of `batch` transcript messages, one running task per connection).
    /// </summary>
    public static async Task SaturateAsync(Run run)
    {
        var o = run.Options;
        var route = o.Text("route", "heartbeat");
        if (route == "messages")
        {
            await SaturateMessagesAsync(run);
            return;
        }
        World? world = null;
        if (route != "health")
        {
            world = await run.CreateWorldAsync(o.Int("daemons", 100), o.Int("runtimes-per-daemon", 10));
            if (o.Text("database-url") is { } cs)
                await Seeds.WriteRuntimeTableAsync(cs, world.Runtimes);
        }

        if (route is not ("heartbeat" or "poll" or "health"))
            throw new ArgumentException($"unknown route {route} (heartbeat, poll, health, messages)");
        Func<int, CancellationToken, Task> Sender(Phase phase)
        {
            var actions = world is null ? null : new DaemonActions(world, phase, 0);
            return route switch
            {
                "heartbeat" => (i, ct) => actions!.HeartbeatAsync(world!.Runtimes[i % world.Runtimes.Count], ct),
                "poll" => async (i, ct) =>
                {
                    if (await actions!.ClaimAsync(world!.Runtimes[i % world.Runtimes.Count], ct) is not null)
                        phase.Route("claim_empty").Error("a task was handed out on an idle runtime");
                },
                _ => (_, ct) => run.Api.MeasureAsync(phase.Route("health"), HttpMethod.Get, "/health", null, null, ct: ct),
            };
        }

        var connections = o.Int("connections", 64);
        foreach (var (name, seconds, measured) in new[]
                 {
                     (route + "-warmup", o.Seconds("warmup", 3), false),
                     (route, o.Seconds("duration", 20), true),
                 })
        {
            if (seconds <= 0)
                continue;
            await using var phase = new Phase(name, run.Probe, run.Report, print: measured);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            // Runtimes not hammered by this phase still heartbeat every 15 s, like their daemons would.
            var keepAlive = route == "poll" ? KeepAliveAsync(world!, phase, stop.Token) : Task.CompletedTask;
            var send = Sender(phase);
            var workers = Enumerable.Range(0, connections).Select(async w =>
            {
                // Requests in flight at the end are awaited, not cancelled: a slow request counts.
                for (var i = w; !stop.IsCancellationRequested; i += connections)
                    await send(i, CancellationToken.None);
            }).ToList();
            await Task.WhenAll(workers);
            phase.Stop();
            await keepAlive;
        }
    }

    /// <summary>
    /// Message ingest, closed loop: `connections` tasks are queued, claimed and started, then each worker posts
    /// batches of `batch` (50) new messages to its own task (fresh seqs each time, so every row is stored and
    /// broadcast). With --database-url, bench_message_task(n, id) names the tasks for bench/pgbench/messages.sql.
    /// </summary>
    private static async Task SaturateMessagesAsync(Run run)
    {
        var o = run.Options;
        var connections = o.Int("connections", 64);
        var batch = o.Int("batch", 50);
        var cs = o.Text("database-url") ?? throw new ArgumentException("--database-url is required for --route messages");
        var world = await run.CreateWorldAsync(1, 1);
        var runtime = world.Runtimes[0];
        var agent = await world.CreateAgentAsync(runtime, connections);
        await Seeds.QueueTasksAsync(cs, world.WorkspaceId, agent, runtime, connections);
        var taskIds = new List<string>();
        await using (var setup = new Phase("messages-setup", run.Probe, run.Report))
        {
            var actions = new DaemonActions(world, setup, 0);
            while (taskIds.Count < connections && await actions.ClaimAsync(runtime, CancellationToken.None) is { } id)
            {
                await world.Api.MeasureAsync(setup.Route("start"), HttpMethod.Post, $"/api/daemon/tasks/{id}/start", null, world.Pat);
                taskIds.Add(id);
            }
        }
        if (taskIds.Count == 0)
            throw new InvalidOperationException("no task could be claimed for the message ingest");
        await Seeds.WriteMessageTaskTableAsync(cs, taskIds.Select(Guid.Parse).ToList());
        var nextSeq = new int[taskIds.Count];
        var payload = "tool output line: compiled 12 files, 0 warnings; running the test suite now";

        foreach (var (name, seconds, measured) in new[]
                 {
                     ("messages-warmup", o.Seconds("warmup", 3), false),
                     ("messages", o.Seconds("duration", 20), true),
                 })
        {
            if (seconds <= 0)
                continue;
            await using var phase = new Phase(name, run.Probe, run.Report, print: measured);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var workers = Enumerable.Range(0, taskIds.Count).Select(async w =>
            {
                var path = $"/api/daemon/tasks/{taskIds[w]}/messages";
                while (!stop.IsCancellationRequested)
                {
                    var first = nextSeq[w] + 1;
                    nextSeq[w] += batch;
                    var messages = Enumerable.Range(first, batch).Select(seq => new
                    {
                        seq,
                        type = seq % 2 == 0 ? "tool_result" : "text",
                        tool = seq % 2 == 0 ? "Bash" : null,
                        content = seq % 2 == 0 ? null : $"step {seq}: working on the task",
                        output = seq % 2 == 0 ? payload : null,
                    });
                    await world.Api.MeasureAsync(phase.Route("message_batch"), HttpMethod.Post, path, Api.Json(new { messages }), world.Pat);
                }
            }).ToList();
            await Task.WhenAll(workers);
            phase.Stop();
            if (measured)
                run.Report.Figure("messages.rows_per_s", phase.Route("message_batch").Ok * batch / phase.Elapsed.TotalSeconds, "rows/s");
        }
    }

    /// <summary>
    /// A fleet of daemons, open loop: every runtime heartbeats every `heartbeat-interval` seconds and polls
    /// claim every `poll-interval` seconds (a 0.2.18 daemon: 15 s / 3 s; with `--socket`, heartbeats go over
    /// one WebSocket per daemon and the HTTP poll slows to 30 s, as in v0.2.19+). With `--agents K` and
    /// `--enqueue-per-second R`, issues assigned to agents on the first K runtimes enqueue tasks that the
    /// runtimes claim and run (start → messages → usage → complete).
    /// </summary>
    public static async Task FleetAsync(Run run)
    {
        var o = run.Options;
        var socket = o.Flag("socket");
        var world = await run.CreateWorldAsync(o.Int("daemons", 100), o.Int("runtimes-per-daemon", 10));
        var heartbeatEvery = TimeSpan.FromSeconds(o.Seconds("heartbeat-interval", 15));
        var pollEvery = TimeSpan.FromSeconds(o.Seconds("poll-interval", socket ? 30 : 3));
        var agentCount = Math.Min(o.Int("agents", 0), world.Runtimes.Count);
        var agents = new List<Guid>();
        for (var i = 0; i < agentCount; i++)
            agents.Add(await world.CreateAgentAsync(world.Runtimes[i], o.Int("capacity", 6)));
        var enqueueRate = o.Seconds("enqueue-per-second", 0);

        var sockets = new List<DaemonSocket>();
        var socketOf = new Dictionary<Guid, DaemonSocket>();
        DaemonActions? actions = null;
        Phase? fleetPhase = null;
        // Wake-up latency (sockets only): from sending the request that enqueues a task for a runtime to the
        // daemon:task_available frame for that runtime, oldest enqueue first.
        var enqueuedAt = new System.Collections.Concurrent.ConcurrentDictionary<Guid, System.Collections.Concurrent.ConcurrentQueue<long>>();
        var running = new List<Task>();
        if (socket)
        {
            await using var connect = new Phase("fleet-connect", run.Probe, run.Report);
            var throttle = new SemaphoreSlim(o.Int("setup-parallel", 8) * 4);
            await Task.WhenAll(world.Daemons.Select(async d =>
            {
                var s = new DaemonSocket(world, d, connect, runtime => WakeAsync(runtime));
                lock (sockets)
                {
                    sockets.Add(s);
                    foreach (var r in d.RuntimeIds)
                        socketOf[r] = s;
                }
                await throttle.WaitAsync();
                try { await s.ConnectAsync(CancellationToken.None); }
                finally { throttle.Release(); }
            }));
        }

        var name = o.Text("name", socket ? "fleet-socket" : "fleet-http");
        // An unmeasured round first (`warmup` seconds, the closed-loop phases' warm-up): the first issue created on
        // a fresh server, and the first wake-ups it sends, pay for the JIT and EF Core's query compilation, and with
        // one enqueue a second that one answer would be the wake-up's p99 (docs/benchmarks.md, nineteenth stop).
        var warmup = o.Seconds("warmup", 0);
        if (warmup > 0)
        {
            await using var warm = new Phase(name + "-warmup", run.Probe, run.Report, print: false);
            await RoundAsync(warm, TimeSpan.FromSeconds(warmup), "warm-up ");
        }
        await using (var phase = new Phase(name, run.Probe, run.Report))
        {
            await RoundAsync(phase, TimeSpan.FromSeconds(o.Seconds("duration", 60)), "");
            run.Report.Figure($"{name}.duplicate_claims", actions!.DuplicateClaims, "count");
            run.Report.Figure($"{name}.tasks_completed", actions.Completed, "count");
            Console.WriteLine($"Fleet: {world.Daemons.Count:N0} daemons, {world.Runtimes.Count:N0} runtimes, heartbeat every {heartbeatEvery.TotalSeconds:F0} s " +
                $"({(socket ? "socket" : "HTTP")}), claim poll every {pollEvery.TotalSeconds:F0} s; tasks completed {actions.Completed:N0}, duplicate claims {actions.DuplicateClaims:N0}.");
        }
        foreach (var s in sockets)
            await s.DisposeAsync();

        // One round: heartbeats and polls of every runtime, and enqueues, for DURATION; then the wake-ups' claims and
        // the tasks they run are drained, so the next round starts with none in flight.
        async Task RoundAsync(Phase phase, TimeSpan duration, string label)
        {
            actions = new DaemonActions(world, phase, o.Int("messages", 5));
            fleetPhase = phase;
            enqueuedAt.Clear();
            foreach (var s in sockets)
                s.Rebind(phase);
            using var stop = new CancellationTokenSource(duration);
            var random = new Random(7);
            var loops = new List<Task>();
            foreach (var runtime in world.Runtimes)
            {
                var hbPhase = random.NextDouble();
                var pollPhase = random.NextDouble();
                loops.Add(EveryAsync(heartbeatEvery, hbPhase, stop.Token, () =>
                    socket ? socketOf[runtime].HeartbeatAsync(runtime, CancellationToken.None) : actions.HeartbeatAsync(runtime, CancellationToken.None)));
                loops.Add(EveryAsync(pollEvery, pollPhase, stop.Token, async () =>
                {
                    if (await actions.ClaimAsync(runtime, CancellationToken.None) is { } task)
                        await actions.RunTaskAsync(task, CancellationToken.None);
                }));
            }
            if (enqueueRate > 0 && agents.Count > 0)
            {
                var n = 0;
                loops.Add(EveryAsync(TimeSpan.FromSeconds(1 / enqueueRate), 0, stop.Token, () =>
                {
                    var index = n++ % agents.Count;
                    var agent = agents[index];
                    if (socket)
                        enqueuedAt.GetOrAdd(world.Runtimes[index], _ => new()).Enqueue(Stopwatch.GetTimestamp());
                    lock (running)
                        running.Add(CreateIssueAsync(world, phase, agent, $"fleet {label}issue {n}", CancellationToken.None));
                    return Task.CompletedTask;
                }));
            }
            await Task.WhenAll(loops);
            await Task.WhenAll(sockets.Select(s => s.DrainAcksAsync(TimeSpan.FromSeconds(30))));
            Task[] pending;
            lock (running)
                pending = running.ToArray();
            await Task.WhenAll(pending);
            phase.Stop();
        }

        async Task WakeAsync(Guid runtime)
        {
            if (actions is null)
                return;
            if (enqueuedAt.TryGetValue(runtime, out var sent) && sent.TryDequeue(out var at))
                fleetPhase?.Route("wakeup").Success(at);
            if (await actions.ClaimAsync(runtime, CancellationToken.None) is { } task)
            {
                var t = actions.RunTaskAsync(task, CancellationToken.None);
                lock (running)
                    running.Add(t);
                await t;
            }
        }
    }

    /// <summary>
    /// Issue creation that enqueues (T issues assigned to agents, `creators` at a time), then the pipeline:
    /// `workers` daemons claim → start → messages → usage → complete until all T tasks are done. Both run once
    /// unmeasured first with `warmup-tasks` issues (default 1,000), as the closed-loop phases have their warm-up
    /// seconds: the measured rounds then see code the JIT has already optimised (docs/benchmarks.md). With
    /// `--analyze-after-warmup CS` the database is analysed between the two rounds (<see cref="Seeds.AnalyzeAsync"/>).
    /// </summary>
    public static async Task PipelineAsync(Run run)
    {
        var o = run.Options;
        var agentCount = o.Int("agents", 4);
        var tasks = o.Int("tasks", 2000);
        var warmupTasks = o.Int("warmup-tasks", Math.Min(1000, tasks));
        var workers = o.Int("workers", 16);
        var world = await run.CreateWorldAsync(agentCount, 1);
        var agents = new List<Guid>();
        foreach (var runtime in world.Runtimes)
            agents.Add(await world.CreateAgentAsync(runtime, o.Int("capacity", Math.Max(6, workers))));

        foreach (var (suffix, count, measured) in new[] { ("-warmup", warmupTasks, false), ("", tasks, true) })
        {
            if (count <= 0)
                continue;
            if (measured && warmupTasks > 0 && o.Text("analyze-after-warmup") is { } cs)
                await Seeds.AnalyzeAsync(cs);
            var batchesBefore = measured ? await ReactionBatchesAsync(world.Api) : null;
            await using (var phase = new Phase("enqueue" + suffix, run.Probe, run.Report, print: measured))
            {
                var next = -1;
                await Task.WhenAll(Enumerable.Range(0, o.Int("creators", 16)).Select(async _ =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < count)
                        await CreateIssueAsync(world, phase, agents[i % agents.Count], $"pipeline{suffix} {i}", CancellationToken.None);
                }));
                // The phase ends when the server has also run the reactions the issues set off outside their
                // requests (followers, activity, inbox items): otherwise the next phase would pay for them.
                var drain = o.Text("reactions", "wait") == "wait" ? await WaitForReactionsAsync(world.Api) : null;
                phase.Stop();
                if (measured && drain is { } ms)
                {
                    run.Report.Figure("enqueue.reactions_drain_ms", ms, "ms");
                    Console.WriteLine($"Reactions to the created issues drained {ms:N0} ms after the last creation.");
                }
                if (batchesBefore is { } before && await ReactionBatchesAsync(world.Api) is { } after && after.Count > before.Count)
                {
                    var mean = (after.Events - before.Events) / (after.Count - before.Count);
                    run.Report.Figure("enqueue.reactions_per_transaction", mean, "events");
                    Console.WriteLine($"Reactions ran {after.Count - before.Count:N0} transactions, {mean:N1} events each on average.");
                }
                if (measured)
                    run.Report.Figure("enqueue.issues_per_s", phase.Route("create_issue").Ok / phase.Elapsed.TotalSeconds, "issues/s");
            }

            await using (var phase = new Phase("pipeline" + suffix, run.Probe, run.Report, print: measured))
            {
                var actions = await RunPipelineAsync(world, phase, count, workers, o);
                if (!measured)
                    continue;
                var rate = actions.Completed / phase.Elapsed.TotalSeconds;
                run.Report.Figure("pipeline.tasks_per_s", rate, "tasks/s");
                run.Report.Figure("pipeline.duplicate_claims", actions.DuplicateClaims, "count");
                run.Report.Figure("pipeline.tasks_completed", actions.Completed, "count");
                Console.WriteLine($"Pipeline: {actions.Completed:N0}/{tasks:N0} tasks completed by {workers} workers on {agents.Count} agents: " +
                    $"{rate:N1} tasks/s; duplicate claims {actions.DuplicateClaims:N0}.");
            }
        }
    }

    /// <summary>
    /// Waits until the server's issue reactions queue (<c>multica_issue_reactions_queued</c> on /metrics) is empty;
    /// the milliseconds waited, or null when the server does not expose the gauge (its metrics are off).
    /// </summary>
    private static async Task<double?> WaitForReactionsAsync(Api api)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(2))
        {
            if (await api.GetTextAsync("/metrics", CancellationToken.None) is not { } text || MetricSum(text, "multica_issue_reactions_queued") is not { } queued)
                return null;
            if (queued <= 0)
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await Task.Delay(20);
        }
        throw new TimeoutException("the server's issue reactions did not drain within 2 minutes");
    }

    /// <summary>
    /// The server's count of reaction transactions and the events they reacted to
    /// (<c>multica_issue_reactions_batch_size</c>; none yet before the first reaction), or null when its metrics are off.
    /// </summary>
    private static async Task<(double Count, double Events)?> ReactionBatchesAsync(Api api) =>
        await api.GetTextAsync("/metrics", CancellationToken.None) is { } text
            ? (MetricSum(text, "multica_issue_reactions_batch_size_count") ?? 0, MetricSum(text, "multica_issue_reactions_batch_size_sum") ?? 0)
            : null;

    /// <summary>The sum of a metric's samples in a Prometheus text exposition, or null when it has none.</summary>
    private static double? MetricSum(string text, string name)
    {
        double? sum = null;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length == name.Length || line[name.Length] is not (' ' or '{'))
                continue;
            var value = line[(line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : name.Length)..].Trim().Split(' ')[0];
            sum = (sum ?? 0) + double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return sum;
    }

    /// <summary>`workers` daemons claim and run tasks until `tasks` were claimed (or `max-seconds` passed); stops the phase.</summary>
    private static async Task<DaemonActions> RunPipelineAsync(World world, Phase phase, int tasks, int workers, Options o)
    {
        using var stopKeepAlive = new CancellationTokenSource();
        var keepAlive = KeepAliveAsync(world, phase, stopKeepAlive.Token);
        var actions = new DaemonActions(world, phase, o.Int("messages", 5));
        var claimed = 0L;
        var deadline = Stopwatch.GetTimestamp() + (long)(o.Seconds("max-seconds", 600) * Stopwatch.Frequency);
        // A worker starts on runtime w and moves to the next runtime after an empty claim, so every runtime's queue
        // is drained even with fewer workers than runtimes (with a fixed runtime per worker, the queues of runtimes
        // no worker had were never claimed and the phase ran until max-seconds).
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            var next = w;
            while (Interlocked.Read(ref claimed) < tasks && Stopwatch.GetTimestamp() < deadline)
            {
                var runtime = world.Runtimes[next % world.Runtimes.Count];
                if (await actions.ClaimAsync(runtime, CancellationToken.None) is { } task)
                {
                    Interlocked.Increment(ref claimed);
                    await actions.RunTaskAsync(task, CancellationToken.None);
                }
                else
                {
                    next++;
                    await Task.Delay(5);
                }
            }
        }));
        phase.Stop();
        await stopKeepAlive.CancelAsync();
        await keepAlive;
        return actions;
    }

    /// <summary>Prepares the pgbench pipeline ceiling: `tasks` queued tasks on one runtime (see bench/pgbench/pipeline.sql).</summary>
    public static async Task SeedQueueAsync(Run run)
    {
        var o = run.Options;
        var cs = o.Text("database-url") ?? throw new ArgumentException("--database-url is required");
        var world = await run.CreateWorldAsync(1, 1);
        var agent = await world.CreateAgentAsync(world.Runtimes[0], 1000);
        await Seeds.QueueTasksAsync(cs, world.WorkspaceId, agent, world.Runtimes[0], o.Int("tasks", 3200));
        Console.Error.WriteLine($"queued {o.Int("tasks", 3200):N0} tasks on runtime {world.Runtimes[0]}");
    }

    private static Task CreateIssueAsync(World world, Phase phase, Guid agent, string title, CancellationToken ct) =>
        world.Api.MeasureAsync(phase.Route("create_issue"), HttpMethod.Post, "/api/issues",
            Api.Json(new { title, status = "todo", assignee_type = "agent", assignee_id = agent }), world.Pat, world.WorkspaceId, ct: ct);

    /// <summary>Heartbeats every runtime of the world every 15 s (spread over the interval) until cancelled.</summary>
    private static Task KeepAliveAsync(World world, Phase phase, CancellationToken ct)
    {
        var actions = new DaemonActions(world, phase, 0);
        var random = new Random(11);
        return Task.WhenAll(world.Runtimes.Select(r =>
            EveryAsync(TimeSpan.FromSeconds(15), random.NextDouble(), ct, () => actions.HeartbeatAsync(r, CancellationToken.None, "heartbeat_keepalive"))));
    }

    /// <summary>
    /// Runs `action` every `interval`, first after `phase` × interval, until `ct` is cancelled; like a
    /// daemon's ticker, a slow action delays the next tick instead of piling calls up. An action under way
    /// when `ct` fires runs to its end (its latency is part of the phase).
    /// </summary>
    private static async Task EveryAsync(TimeSpan interval, double phase, CancellationToken ct, Func<Task> action)
    {
        try
        {
            var next = Stopwatch.GetTimestamp() + (long)(phase * interval.TotalSeconds * Stopwatch.Frequency);
            while (!ct.IsCancellationRequested)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, ct);
                next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
                await action();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
