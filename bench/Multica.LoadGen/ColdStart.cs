using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;

namespace Multica.LoadGen;

/// <summary>
/// The first calls a freshly started node answers, against the same calls once it is warm (`cold-start`).
/// The world (a workspace, a daemon with one runtime, an agent on it) is made on the running node
/// (`--server`); then one round of a user's and a daemon's calls (heartbeat over HTTP and over a new daemon socket, empty claim, issue creation that
/// enqueues, claim, start, messages, usage, complete, issue list; then what the web app reads for that workspace and
/// issue, and a comment; then a chat with the agent, run by the daemon) goes to that node to warm this process's
/// own code, and `rounds` rounds go to the fresh node (`--fresh-server`): round one is the cold start, the
/// median of the others the warm figure.
/// </summary>
public static class ColdStart
{
    /// <summary>The daemon's loop, with the issue that starts it and the list that shows it.</summary>
    private static readonly string[] LoopRoutes =
        ["heartbeat", "socket_heartbeat", "claim_empty", "create_issue", "claim_task", "start", "messages", "usage", "complete", "list_issues"];

    /// <summary>What the web app reads when a member opens the workspace and that issue, and a comment posted on it.</summary>
    private static readonly string[] WebRoutes =
        ["me", "workspaces", "members", "agents", "runtimes", "issue", "timeline", "comment", "comments", "task_runs", "transcript", "inbox", "inbox_unread"];

    /// <summary>A chat with the agent: a session, a message (which queues the agent a chat task), and the daemon running it.</summary>
    private static readonly string[] ChatRoutes =
        ["chat_session", "chat_message", "claim_chat", "start_chat", "complete_chat", "chat_messages"];

    /// <summary>
    /// What the web app's other pages and panels read for the workspace and the issue: pins, projects, skills,
    /// autopilots, the assignee picker, search, usage, the task queue, chat sessions, the issue's subscribers,
    /// sub-issues and attachments.
    /// </summary>
    private static readonly (string Route, string Path)[] PageReads =
    [
        ("pins", "/api/pins"), ("projects", "/api/projects"), ("skills", "/api/skills"), ("autopilots", "/api/autopilots"),
        ("assignee_frequency", "/api/assignee-frequency"), ("search", "/api/issues/search?q=cold"),
        ("usage_summary", "/api/usage/summary?days=30"), ("task_queue", "/api/task-queue"), ("chat_sessions", "/api/chat/sessions"),
        ("child_progress", "/api/issues/child-progress"), ("subscribers", "{issue}/subscribers"), ("children", "{issue}/children"),
        ("attachments", "{issue}/attachments"),
    ];

    private static readonly string[] PageRoutes = [.. PageReads.Select(r => r.Route)];

    private static readonly string[] Routes = [.. LoopRoutes, .. WebRoutes, .. ChatRoutes, .. PageRoutes];

    public static async Task RunAsync(Run run)
    {
        var o = run.Options;
        var fresh = new Uri(o.Text("fresh-server") ?? throw new ArgumentException("--fresh-server is required"));
        var rounds = Math.Max(2, o.Int("rounds", 21));
        var key = o.Text("key", "cold");
        var world = await run.CreateWorldAsync(1, 1);
        var runtime = world.Runtimes[0];
        var agent = await world.CreateAgentAsync(runtime, 100);

        var discussion = (await world.Api.CallAsync(HttpMethod.Post, "/api/issues", new { title = "discussion", status = "todo" }, world.Pat,
            world.WorkspaceId)).GetProperty("id").GetString()!;
        await RoundAsync(world, runtime, agent, discussion);
        using var freshApi = new Api(fresh, 1);
        var onFresh = world with { Api = freshApi };
        var samples = Routes.ToDictionary(r => r, _ => new List<double>());
        // --prime 404: one call per route that the new node refuses (unknown runtime, workspace, task) before its
        // first round: what a warm-up that touches no data would buy (the twentieth stop's experiment).
        if (o.Text("prime") == "404")
            Console.WriteLine($"Primed with one refused call per route: {string.Join(", ", await PrimeWithRefusalsAsync(onFresh))}.");
        for (var round = 0; round < rounds; round++)
            foreach (var (route, ms) in await RoundAsync(onFresh, runtime, agent, discussion))
                samples[route].Add(ms);

        Console.WriteLine("| route | first call on a fresh node (ms) | warm: median of the next calls (ms) |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var route in Routes)
        {
            var first = samples[route][0];
            var warm = Median(samples[route].Skip(1));
            run.Report.Figure($"{key}.{route}.first_ms", first, "ms");
            run.Report.Figure($"{key}.{route}.warm_ms", warm, "ms");
            Console.WriteLine($"| {route} | {first:N1} | {warm:N2} |");
        }
        foreach (var (label, routes, prefix) in new[]
                 {
                     ("the daemon's loop", LoopRoutes, ""), ("the web app's calls", WebRoutes, "web_"), ("a chat", ChatRoutes, "chat_"),
                     ("the other pages' reads", PageRoutes, "pages_"),
                 })
        {
            var firstRound = routes.Sum(r => samples[r][0]);
            var warmRound = routes.Sum(r => Median(samples[r].Skip(1)));
            run.Report.Figure($"{key}.{prefix}first_round_ms", firstRound, "ms");
            run.Report.Figure($"{key}.{prefix}warm_round_ms", warmRound, "ms");
            Console.WriteLine($"| {label}, one after another | {firstRound:N1} | {warmRound:N2} |");
        }
    }

    /// <summary>One of each call, in a daemon's and a user's order; the milliseconds of each. Any failure ends the run.</summary>
    private static async Task<List<(string Route, double Ms)>> RoundAsync(World world, Guid runtime, Guid agent, string discussion)
    {
        var times = new List<(string, double)>();
        async Task<JsonElement> Timed(string route, HttpMethod method, string path, object? body, Guid? workspace = null)
        {
            var started = Stopwatch.GetTimestamp();
            var (reply, error) = await world.Api.TrySendAsync(method, path, body is null ? null : Api.Json(body), world.Pat,
                workspace, parse: true, CancellationToken.None);
            times.Add((route, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            if (error is not null || reply is not { } value)
                throw new InvalidOperationException($"{route}: {error ?? "no answer"}");
            return value;
        }

        await Timed("heartbeat", HttpMethod.Post, "/api/daemon/heartbeat", new { runtime_id = runtime });
        times.Add(("socket_heartbeat", await SocketHeartbeatAsync(world, runtime)));
        var claim = $"/api/daemon/runtimes/{runtime}/tasks/claim";
        if (HasTask(await Timed("claim_empty", HttpMethod.Post, claim, null)))
            throw new InvalidOperationException("claim_empty: a task was queued before the issue was created");
        var created = await Timed("create_issue", HttpMethod.Post, "/api/issues",
            new { title = "cold start", status = "todo", assignee_type = "agent", assignee_id = agent }, world.WorkspaceId);
        var claimed = await Timed("claim_task", HttpMethod.Post, claim, null);
        if (!HasTask(claimed))
            throw new InvalidOperationException("claim_task: the created issue's task was not handed out");
        var path = $"/api/daemon/tasks/{claimed.GetProperty("task").GetProperty("id").GetString()}";
        await Timed("start", HttpMethod.Post, path + "/start", null);
        await Timed("messages", HttpMethod.Post, path + "/messages", new
        {
            messages = Enumerable.Range(1, 5).Select(seq => new { seq, type = "text", content = $"step {seq}" }),
        });
        await Timed("usage", HttpMethod.Post, path + "/usage", new
        {
            usage = new[] { new { provider = "anthropic", model = "claude-sonnet-4", input_tokens = 1200, output_tokens = 300, cache_read_tokens = 0, cache_write_tokens = 0 } },
        });
        await Timed("complete", HttpMethod.Post, path + "/complete", new { output = "done", session_id = "cold", work_dir = "/tmp/cold" });
        await Timed("list_issues", HttpMethod.Get, "/api/issues?limit=20", null, world.WorkspaceId);

        var ws = world.WorkspaceId;
        var issue = $"/api/issues/{created.GetProperty("id").GetString()}";
        await Timed("me", HttpMethod.Get, "/api/me", null);
        await Timed("workspaces", HttpMethod.Get, "/api/workspaces", null);
        await Timed("members", HttpMethod.Get, $"/api/workspaces/{ws}/members", null);
        await Timed("agents", HttpMethod.Get, "/api/agents", null, ws);
        await Timed("runtimes", HttpMethod.Get, "/api/runtimes", null, ws);
        await Timed("issue", HttpMethod.Get, issue, null, ws);
        await Timed("timeline", HttpMethod.Get, issue + "/timeline", null, ws);
        // On an issue of no agent's: a comment on the agent's issue would queue the agent a task (it answers comments).
        await Timed("comment", HttpMethod.Post, $"/api/issues/{discussion}/comments", new { content = "looks done" }, ws);
        await Timed("comments", HttpMethod.Get, $"/api/issues/{discussion}/comments", null, ws);
        await Timed("task_runs", HttpMethod.Get, issue + "/task-runs", null, ws);
        await Timed("transcript", HttpMethod.Get, $"/api/tasks/{claimed.GetProperty("task").GetProperty("id").GetString()}/messages", null, ws);
        await Timed("inbox", HttpMethod.Get, "/api/inbox", null, ws);
        await Timed("inbox_unread", HttpMethod.Get, "/api/inbox/unread-count", null, ws);

        var session = $"/api/chat/sessions/{(await Timed("chat_session", HttpMethod.Post, "/api/chat/sessions",
            new { agent_id = agent, title = "cold start" }, ws)).GetProperty("id").GetString()}";
        await Timed("chat_message", HttpMethod.Post, session + "/messages", new { content = "how is it going?" }, ws);
        var chat = await Timed("claim_chat", HttpMethod.Post, claim, null);
        if (!HasTask(chat))
            throw new InvalidOperationException("claim_chat: the chat message's task was not handed out");
        var chatTask = $"/api/daemon/tasks/{chat.GetProperty("task").GetProperty("id").GetString()}";
        await Timed("start_chat", HttpMethod.Post, chatTask + "/start", null);
        await Timed("complete_chat", HttpMethod.Post, chatTask + "/complete", new { output = "going well", session_id = "cold-chat", work_dir = "/tmp/cold" });
        await Timed("chat_messages", HttpMethod.Get, session + "/messages", null, ws);

        foreach (var (route, read) in PageReads)
            await Timed(route, HttpMethod.Get, read.Replace("{issue}", issue), null, ws);
        return times;
    }

    /// <summary>The status codes of calls to every route of the round with ids that exist nowhere.</summary>
    private static async Task<List<string>> PrimeWithRefusalsAsync(World world)
    {
        var nowhere = Guid.NewGuid();
        var task = $"/api/daemon/tasks/{Guid.NewGuid()}";
        var calls = new (HttpMethod Method, string Path, object? Body, Guid? Workspace)[]
        {
            (HttpMethod.Post, "/api/daemon/heartbeat", new { runtime_id = nowhere }, null),
            (HttpMethod.Post, $"/api/daemon/runtimes/{nowhere}/tasks/claim", null, null),
            (HttpMethod.Post, "/api/issues", new { title = "x", status = "todo" }, nowhere),
            (HttpMethod.Post, task + "/start", null, null),
            (HttpMethod.Post, task + "/messages", new { messages = new[] { new { seq = 1, type = "text", content = "x" } } }, null),
            (HttpMethod.Post, task + "/usage", new { usage = Array.Empty<object>() }, null),
            (HttpMethod.Post, task + "/complete", new { output = "x" }, null),
            (HttpMethod.Get, "/api/issues?limit=20", null, nowhere),
        };
        var answers = new List<string>();
        foreach (var (method, path, body, workspace) in calls)
        {
            var (_, error) = await world.Api.TrySendAsync(method, path, body is null ? null : Api.Json(body), world.Pat, workspace, false, CancellationToken.None);
            answers.Add(error?.Split(' ')[0] ?? "200");
        }
        return answers;
    }

    /// <summary>
    /// A daemon socket opened, one heartbeat frame sent and its ack received: the milliseconds from the connect to the
    /// ack (the socket is closed after). Any failure ends the run.
    /// </summary>
    private static async Task<double> SocketHeartbeatAsync(World world, Guid runtime)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + world.Pat);
        var server = world.Api.Server;
        var uri = new UriBuilder(server) { Scheme = "ws", Path = "/api/daemon/ws", Query = "runtime_ids=" + runtime }.Uri;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var started = Stopwatch.GetTimestamp();
        await socket.ConnectAsync(uri, bound.Token);
        var frame = JsonSerializer.SerializeToUtf8Bytes(new { type = "daemon:heartbeat", payload = new { runtime_id = runtime } });
        await socket.SendAsync(frame, WebSocketMessageType.Text, true, bound.Token);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult part;
            do
            {
                part = await socket.ReceiveAsync(buffer, bound.Token);
                message.Write(buffer, 0, part.Count);
            } while (!part.EndOfMessage && part.MessageType != WebSocketMessageType.Close);
            if (part.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException("socket_heartbeat: the server closed the socket before the ack");
            using var doc = JsonDocument.Parse(message.ToArray());
            if (doc.RootElement.GetProperty("type").GetString() != "daemon:heartbeat_ack")
                continue;
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", bound.Token);
            return elapsed;
        }
    }

    private static bool HasTask(JsonElement reply) =>
        reply.ValueKind == JsonValueKind.Object && reply.TryGetProperty("task", out var task) && task.ValueKind == JsonValueKind.Object;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
