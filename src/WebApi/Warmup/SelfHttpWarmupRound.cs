using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Users;
using Multica.Domain.Entities;
using Multica.WebApi.Infrastructure;

namespace Multica.WebApi.Warmup;

/// <summary>What one warm-up pass made and which calls it sent, with their status codes (for tests and logs).</summary>
public sealed class WarmupTrace
{
    public Guid UserId { get; set; }
    public Guid? WorkspaceId { get; set; }
    public Guid? RuntimeId { get; set; }
    public Guid? IssueId { get; set; }
    public string? TaskId { get; set; }
    public List<(string Step, int Status)> Calls { get; } = [];
}

/// <summary>
/// The task loop once, over HTTP against this node's own address, as a user and a daemon would run it: a throwaway
/// account (<see cref="WarmupAccounts"/>, no sign-in) creates a workspace and a token, registers a daemon,
/// creates an agent and an issue assigned to it, and the daemon heartbeats (over HTTP, then over a daemon socket),
/// claims, starts, posts messages and usage, and completes the task; the issue list is read; a chat with the agent is
/// run the same way; then what the web app reads for the workspace and the issue (members, agents, runtimes, the issue,
/// its timeline, comments, task runs and transcript, the inbox), a comment, and what its other pages and panels read
/// (pins, projects, skills, autopilots, search, usage, the task queue, chat sessions, the issue's subscribers,
/// sub-issues and attachments). Every layer of each path runs once (the JIT, EF Core's query compilation, the
/// statements' preparation on a pooled connection), so a node's first real calls cost what later ones do
/// (docs/operations.md, "Warm-up at start"). The workspace is then deleted through the API and the account removed;
/// an account left by a node that died during its warm-up is removed by the next warm-up.
/// </summary>
public sealed class SelfHttpWarmupRound(
    IServer server,
    IServiceScopeFactory scopes,
    IJwtService jwt,
    TimeProvider time,
    ILogger<SelfHttpWarmupRound> logger) : IStartupWarmupRound
{
    /// <summary>An account this old is a leftover (a live warm-up takes seconds).</summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan CleanupBound = TimeSpan.FromSeconds(10);

    public async Task RunAsync(CancellationToken ct)
    {
        if (CallableAddress(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []) is not { } address)
        {
            logger.LogInformation("warm-up skipped: the server listens on no address it can call");
            return;
        }
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(10),
        };
        await RunLoopAsync(client, ConnectOverNetworkAsync, ct);
    }

    /// <summary>Opens a WebSocket to the URI with the given bearer credential.</summary>
    public delegate Task<WebSocket> SocketConnector(Uri uri, string bearer, CancellationToken ct);

    private static async Task<WebSocket> ConnectOverNetworkAsync(Uri uri, string bearer, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        try
        {
            await socket.ConnectAsync(uri, ct);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The pass against the server behind <paramref name="client"/> (daemon sockets through
    /// <paramref name="connectSocket"/>); throws when a call fails (after cleaning up).
    /// </summary>
    public async Task<WarmupTrace> RunLoopAsync(HttpClient client, SocketConnector connectSocket, CancellationToken ct)
    {
        await RemoveLeftoversAsync(client, ct);
        var user = await InScopeAsync((IUserRepository users) => users.CreateOrGetAsync(WarmupAccounts.New(time.GetUtcNow().UtcDateTime), ct));
        var trace = new WarmupTrace { UserId = user.Id };
        var session = jwt.Issue(user.Id, user.Email, user.Name);
        try
        {
            await RunTaskLoopAsync(new Caller(client, trace) { ConnectSocket = connectSocket }, session, ct);
        }
        finally
        {
            using var cleanup = new CancellationTokenSource(CleanupBound);
            await RemoveAccountAsync(new Caller(client, trace), user, session, trace.WorkspaceId, cleanup.Token);
        }
        return trace;
    }

    private static async Task RunTaskLoopAsync(Caller call, string session, CancellationToken ct)
    {
        var trace = call.Trace;
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var workspace = Guid.Parse((await call.SendAsync("create workspace", HttpMethod.Post, "/api/workspaces",
            new { name = "Warm-up", slug = "warmup-" + suffix }, session, null, ct)).GetProperty("id").GetString()!);
        trace.WorkspaceId = workspace;
        var pat = (await call.SendAsync("create token", HttpMethod.Post, "/api/tokens", new { name = "warm-up" }, session, null, ct))
            .GetProperty("token").GetString()!;
        var registered = await call.SendAsync("register daemon", HttpMethod.Post, "/api/daemon/register", new
        {
            workspace_id = workspace,
            daemon_id = "warmup-" + suffix,
            device_name = "warm-up",
            cli_version = "0.2.18",
            runtimes = new[] { new { name = "warm-up", type = "claude", version = "1.0", status = "online" } },
        }, pat, null, ct);
        var runtime = Guid.Parse(registered.GetProperty("runtimes")[0].GetProperty("id").GetString()!);
        trace.RuntimeId = runtime;
        var agent = (await call.SendAsync("create agent", HttpMethod.Post, "/api/agents", new
        {
            name = "warm-up",
            runtime_id = runtime,
            visibility = "workspace",
            max_concurrent_tasks = 1,
        }, pat, workspace, ct)).GetProperty("id").GetString()!;

        await call.SendAsync("heartbeat", HttpMethod.Post, "/api/daemon/heartbeat", new { runtime_id = runtime }, pat, null, ct);
        await call.SocketHeartbeatAsync(runtime, pat, ct);
        var claim = $"/api/daemon/runtimes/{runtime}/tasks/claim";
        await call.SendAsync("claim (empty)", HttpMethod.Post, claim, null, pat, null, ct);
        trace.IssueId = Guid.Parse((await call.SendAsync("create issue", HttpMethod.Post, "/api/issues", new
        {
            title = "warm-up",
            status = "todo",
            assignee_type = "agent",
            assignee_id = agent,
        }, pat, workspace, ct)).GetProperty("id").GetString()!);
        // The claim's task id, or the pass fails: what was just queued must be handed out.
        async Task<string> ClaimAsync(string step)
        {
            var claimed = await call.SendAsync(step, HttpMethod.Post, claim, null, pat, null, ct);
            if (!claimed.TryGetProperty("task", out var task) || task.ValueKind != JsonValueKind.Object)
                throw new InvalidOperationException($"warm-up: {step} handed out no task");
            return task.GetProperty("id").GetString()!;
        }

        trace.TaskId = await ClaimAsync("claim");
        var path = $"/api/daemon/tasks/{trace.TaskId}";
        await call.SendAsync("start", HttpMethod.Post, path + "/start", null, pat, null, ct);
        await call.SendAsync("messages", HttpMethod.Post, path + "/messages", new
        {
            messages = new[] { new { seq = 1, type = "text", content = "warm-up" } },
        }, pat, null, ct);
        await call.SendAsync("usage", HttpMethod.Post, path + "/usage", new
        {
            usage = new[] { new { provider = "warm-up", model = "warm-up", input_tokens = 1, output_tokens = 1, cache_read_tokens = 0, cache_write_tokens = 0 } },
        }, pat, null, ct);
        var completed = await call.SendAsync("complete", HttpMethod.Post, path + "/complete", new { output = "warm-up" }, pat, null, ct);
        if (!completed.TryGetProperty("status", out var status) || status.GetString() != "completed")
            throw new InvalidOperationException("warm-up: the task was not completed");
        await call.SendAsync("list issues", HttpMethod.Get, "/api/issues?limit=20", null, pat, workspace, ct);

        // A chat with the agent, run by the daemon (before the comment below, which queues the agent a task of its own).
        var chat = $"/api/chat/sessions/{(await call.SendAsync("create chat session", HttpMethod.Post, "/api/chat/sessions",
            new { agent_id = agent, title = "warm-up" }, session, workspace, ct)).GetProperty("id").GetString()}";
        await call.SendAsync("chat message", HttpMethod.Post, chat + "/messages", new { content = "warm-up" }, session, workspace, ct);
        var chatPath = $"/api/daemon/tasks/{await ClaimAsync("claim chat")}";
        await call.SendAsync("start chat", HttpMethod.Post, chatPath + "/start", null, pat, null, ct);
        await call.SendAsync("complete chat", HttpMethod.Post, chatPath + "/complete", new { output = "warm-up" }, pat, null, ct);
        await call.SendAsync("chat messages", HttpMethod.Get, chat + "/messages", null, session, workspace, ct);

        // What the web app reads when a member opens the workspace and the issue, and a comment posted on it.
        var issue = $"/api/issues/{trace.IssueId}";
        await call.SendAsync("me", HttpMethod.Get, "/api/me", null, session, null, ct);
        await call.SendAsync("list workspaces", HttpMethod.Get, "/api/workspaces", null, session, null, ct);
        await call.SendAsync("list members", HttpMethod.Get, $"/api/workspaces/{workspace}/members", null, session, null, ct);
        await call.SendAsync("list agents", HttpMethod.Get, "/api/agents", null, session, workspace, ct);
        await call.SendAsync("list runtimes", HttpMethod.Get, "/api/runtimes", null, session, workspace, ct);
        await call.SendAsync("get issue", HttpMethod.Get, issue, null, session, workspace, ct);
        await call.SendAsync("timeline", HttpMethod.Get, issue + "/timeline", null, session, workspace, ct);
        await call.SendAsync("comment", HttpMethod.Post, issue + "/comments", new { content = "warm-up" }, session, workspace, ct);
        await call.SendAsync("list comments", HttpMethod.Get, issue + "/comments", null, session, workspace, ct);
        await call.SendAsync("task runs", HttpMethod.Get, issue + "/task-runs", null, session, workspace, ct);
        await call.SendAsync("transcript", HttpMethod.Get, $"/api/tasks/{trace.TaskId}/messages", null, session, workspace, ct);
        await call.SendAsync("inbox", HttpMethod.Get, "/api/inbox", null, session, workspace, ct);
        await call.SendAsync("inbox unread count", HttpMethod.Get, "/api/inbox/unread-count", null, session, workspace, ct);

        // What the web app's other pages and panels read: the sidebar's pins, projects, skills, autopilots, the
        // assignee picker, search, usage, the task queue, chat sessions, and the issue's subscribers, sub-issues and
        // attachments.
        foreach (var (step, read) in new[]
                 {
                     ("pins", "/api/pins"), ("projects", "/api/projects"), ("skills", "/api/skills"), ("autopilots", "/api/autopilots"),
                     ("assignee frequency", "/api/assignee-frequency"), ("search", "/api/issues/search?q=warm-up"),
                     ("usage summary", "/api/usage/summary?days=30"), ("task queue", "/api/task-queue"),
                     ("chat sessions", "/api/chat/sessions"), ("child progress", "/api/issues/child-progress"),
                     ("subscribers", issue + "/subscribers"), ("sub-issues", issue + "/children"), ("attachments", issue + "/attachments"),
                 })
            await call.SendAsync(step, HttpMethod.Get, read, null, session, workspace, ct);
    }

    /// <summary>The account's workspace through the API (its agents, runtimes, issues and tasks go with it), then the account.</summary>
    private async Task RemoveAccountAsync(Caller call, User user, string session, Guid? workspace, CancellationToken ct)
    {
        try
        {
            if (workspace is { } id)
                await call.SendAsync("delete workspace", HttpMethod.Delete, $"/api/workspaces/{id}", null, session, null, ct);
            await DeleteUserAsync(user.Id, ct);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "warm-up: account {UserId} not removed; the next warm-up removes it", user.Id);
        }
    }

    /// <summary>Accounts of warm-ups that did not finish (their node died): each with its workspaces.</summary>
    private async Task RemoveLeftoversAsync(HttpClient client, CancellationToken ct)
    {
        var leftovers = await InScopeAsync((IUserRepository users) =>
            users.ListByEmailDomainAsync(WarmupAccounts.EmailDomain, time.GetUtcNow().UtcDateTime - LeftoverAge, ct));
        foreach (var user in leftovers)
        {
            // Two nodes starting together may both find it: the one that loses the race logs it and goes on.
            try
            {
                var call = new Caller(client, new WarmupTrace { UserId = user.Id });
                var session = jwt.Issue(user.Id, user.Email, user.Name);
                var workspaces = await call.SendAsync("list leftover workspaces", HttpMethod.Get, "/api/workspaces", null, session, null, ct);
                foreach (var workspace in workspaces.EnumerateArray())
                    await call.SendAsync("delete leftover workspace", HttpMethod.Delete,
                        $"/api/workspaces/{workspace.GetProperty("id").GetString()}", null, session, null, ct);
                await DeleteUserAsync(user.Id, ct);
                logger.LogInformation("warm-up: removed the account {UserId} an unfinished warm-up left", user.Id);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "warm-up: the leftover account {UserId} was not removed", user.Id);
            }
        }
    }

    private Task<bool> DeleteUserAsync(Guid id, CancellationToken ct) => InScopeAsync(async (IUserRepository users) =>
    {
        await users.DeleteAsync(id, ct);
        return true;
    });

    private async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>The first plain-HTTP address of those the server listens on, a wildcard host made loopback; null when none.</summary>
    public static Uri? CallableAddress(IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            if (!address.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                continue;
            var text = address.Replace("://+:", "://127.0.0.1:").Replace("://*:", "://127.0.0.1:")
                .Replace("://0.0.0.0:", "://127.0.0.1:").Replace("://[::]:", "://127.0.0.1:");
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
                return uri;
        }
        return null;
    }

    /// <summary>Sends one call with a bearer credential; its status lands in the trace, and a failure ends the pass.</summary>
    private sealed class Caller(HttpClient client, WarmupTrace trace)
    {
        public WarmupTrace Trace => trace;

        /// <summary>
        /// A daemon socket (<c>/api/daemon/ws</c>) opened for the runtime, one heartbeat frame sent and its ack read,
        /// the socket closed: the path of daemons that heartbeat over their socket. Recorded as 101 when acked.
        /// </summary>
        public async Task SocketHeartbeatAsync(Guid runtime, string pat, CancellationToken ct)
        {
            var address = client.BaseAddress!;
            var uri = new UriBuilder(address)
            {
                Scheme = address.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
                Path = "/api/daemon/ws",
                Query = "runtime_ids=" + runtime,
            }.Uri;
            using var socket = await ConnectSocket!(uri, pat, ct);
            await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(new { type = "daemon:heartbeat", payload = new { runtime_id = runtime } }),
                WebSocketMessageType.Text, true, ct);
            while (true)
            {
                var text = await WebSocketText.ReceiveAsync(socket, 1024 * 1024, ct)
                           ?? throw new InvalidOperationException("warm-up: the daemon socket closed before the heartbeat's ack");
                using var frame = JsonDocument.Parse(text);
                if (frame.RootElement.GetProperty("type").GetString() == "daemon:heartbeat_ack")
                    break;
            }
            trace.Calls.Add(("socket heartbeat", 101));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "warm-up done", ct);
        }

        public SocketConnector? ConnectSocket { get; init; }

        public async Task<JsonElement> SendAsync(string step, HttpMethod method, string path, object? body, string bearer,
            Guid? workspace, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            if (workspace is { } id)
                request.Headers.Add("X-Workspace-ID", id.ToString());
            if (body is not null)
                request.Content = JsonContent.Create(body);
            using var response = await client.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            trace.Calls.Add((step, (int)response.StatusCode));
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"warm-up: {step} answered {(int)response.StatusCode}: {text}");
            if (string.IsNullOrWhiteSpace(text))
                return default;
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
    }
}
