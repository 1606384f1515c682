using System.Net;
using System.Text.Json;
using Multica.Application.Common.Interfaces;
using Multica.IntegrationTests.Support;
using Npgsql;
using NUnit.Framework;

namespace Multica.IntegrationTests.DaemonProtocol;

/// <summary>A workspace with a registered runtime (owned by the workspace owner) and a daemon client on the owner's PAT.</summary>
public sealed record DaemonWorld(SignedInUser Owner, TestWorkspace Workspace, string Pat, ApiClient Daemon, Guid RuntimeId, string DaemonId)
{
    public string Runtime => RuntimeId.ToString();
}

/// <summary>
/// Test data for the daemon protocol. Agents, issues, comments, chat sessions and autopilots have no
/// HTTP routes in this branch, so they are written with SQL; runtimes are registered over HTTP.
/// </summary>
public static class DaemonTestData
{
    public static async Task<DaemonWorld> WorldAsync(string provider = "claude", string? repos = null)
    {
        var owner = await TestData.SignInAsync();
        var workspace = await TestData.CreateWorkspaceAsync(owner.Client);
        if (repos is not null)
            await ExecAsync("UPDATE workspace SET repos = CAST(@r AS jsonb) WHERE id = @w", ("r", repos), ("w", workspace.Id));
        var pat = await TestData.CreatePatAsync(owner.Client);
        var daemon = TestData.ClientWith(pat);
        var daemonId = "daemon-" + Guid.NewGuid().ToString("N")[..8];
        var runtimeId = await RegisterAsync(daemon, workspace.Id, daemonId, provider);
        return new DaemonWorld(owner, workspace, pat, daemon, runtimeId, daemonId);
    }

    public static async Task<Guid> RegisterAsync(ApiClient client, Guid workspaceId, string daemonId, string provider = "claude")
    {
        var body = await client.PostAsync("/api/daemon/register", new
        {
            workspace_id = workspaceId.ToString(),
            daemon_id = daemonId,
            device_name = "box",
            cli_version = "0.2.17",
            runtimes = new[] { new { name = "", type = provider, version = "1.0", status = "online" } },
        }).ExpectAsync(HttpStatusCode.OK);
        return Guid.Parse(body.GetProperty("runtimes")[0].Str("id"));
    }

    public static async Task<Guid> AgentAsync(Guid workspaceId, Guid runtimeId, string? name = null, int maxConcurrent = 6,
        string customEnv = "{}", string customArgs = "[]", string? mcpConfig = null, string? model = null, string instructions = "")
    {
        return await ScalarAsync<Guid>("""
            INSERT INTO agent (workspace_id, runtime_id, runtime_mode, name, max_concurrent_tasks, custom_env, custom_args, mcp_config, model, instructions, status)
            VALUES (@w, @r, 'local', @n, @m, CAST(@env AS jsonb), CAST(@args AS jsonb), CAST(@mcp AS jsonb), @model, @instr, 'idle')
            RETURNING id
            """, ("w", workspaceId), ("r", runtimeId), ("n", name ?? "agent-" + Guid.NewGuid().ToString("N")[..8]),
            ("m", maxConcurrent), ("env", customEnv), ("args", customArgs), ("mcp", mcpConfig), ("model", model), ("instr", instructions));
    }

    public static async Task<Guid> IssueAsync(Guid workspaceId, Guid creatorId, string status = "todo", string priority = "medium", string title = "Issue")
    {
        return await ScalarAsync<Guid>("""
            INSERT INTO issue (workspace_id, title, status, priority, creator_type, creator_id, number)
            VALUES (@w, @t, @s, @p, 'member', @c, (SELECT COALESCE(MAX(number), 0) + 1 FROM issue WHERE workspace_id = @w))
            RETURNING id
            """, ("w", workspaceId), ("t", title), ("s", status), ("p", priority), ("c", creatorId));
    }

    public static Task<Guid> CommentAsync(Guid issueId, Guid workspaceId, string authorType, Guid authorId, string content, Guid? parentId = null,
        DateTime? createdAt = null) =>
        ScalarAsync<Guid>("""
            INSERT INTO comment (issue_id, workspace_id, author_type, author_id, content, type, parent_id, created_at, updated_at)
            VALUES (@i, @w, @at, @a, @c, 'comment', @p, COALESCE(@ts, now()), now())
            RETURNING id
            """, ("i", issueId), ("w", workspaceId), ("at", authorType), ("a", authorId), ("c", content), ("p", parentId),
            ("ts", createdAt));

    public static Task<Guid> ChatSessionAsync(Guid workspaceId, Guid agentId, Guid creatorId, string? sessionId = null, string? workDir = null) =>
        ScalarAsync<Guid>("""
            INSERT INTO chat_session (workspace_id, agent_id, creator_id, title, session_id, work_dir, status)
            VALUES (@w, @a, @c, 'chat', @s, @d, 'active') RETURNING id
            """, ("w", workspaceId), ("a", agentId), ("c", creatorId), ("s", sessionId), ("d", workDir));

    public static Task ChatMessageAsync(Guid chatSessionId, string role, string content, DateTime createdAt) =>
        ExecAsync("INSERT INTO chat_message (chat_session_id, role, content, created_at) VALUES (@s, @r, @c, @t)",
            ("s", chatSessionId), ("r", role), ("c", content), ("t", createdAt));

    public static async Task<(Guid AutopilotId, Guid RunId)> AutopilotRunAsync(Guid workspaceId, Guid agentId, Guid creatorId,
        string title = "Nightly", string? description = "Runs nightly", string? payload = null)
    {
        var autopilot = await ScalarAsync<Guid>("""
            INSERT INTO autopilot (workspace_id, title, description, assignee_id, execution_mode, created_by_type, created_by_id)
            VALUES (@w, @t, @d, @a, 'run_only', 'member', @c) RETURNING id
            """, ("w", workspaceId), ("t", title), ("d", description), ("a", agentId), ("c", creatorId));
        var run = await ScalarAsync<Guid>("""
            INSERT INTO autopilot_run (autopilot_id, source, status, trigger_payload) VALUES (@a, 'manual', 'running', CAST(@p AS jsonb)) RETURNING id
            """, ("a", autopilot), ("p", payload));
        return (autopilot, run);
    }

    /// <summary>A queued task row as the enqueue services would write it.</summary>
    public static Task<Guid> TaskAsync(Guid agentId, Guid runtimeId, Guid? issueId = null, Guid? chatSessionId = null, Guid? runId = null,
        int priority = 2, string status = "queued", Guid? triggerCommentId = null, DateTime? createdAt = null,
        string? sessionId = null, string? workDir = null, int attempt = 1, DateTime? completedAt = null) =>
        ScalarAsync<Guid>("""
            INSERT INTO agent_task_queue (agent_id, runtime_id, issue_id, chat_session_id, autopilot_run_id, priority, status,
                trigger_comment_id, created_at, session_id, work_dir, attempt, completed_at,
                dispatched_at, started_at)
            VALUES (@a, @r, @i, @c, @run, @p, @s, @tc, COALESCE(@ts, clock_timestamp()), @sid, @wd, @att, @done,
                CASE WHEN @s IN ('dispatched', 'running', 'completed', 'failed') THEN now() END,
                CASE WHEN @s IN ('running', 'completed', 'failed') THEN now() END)
            RETURNING id
            """, ("a", agentId), ("r", runtimeId), ("i", issueId), ("c", chatSessionId), ("run", runId), ("p", priority),
            ("s", status), ("tc", triggerCommentId), ("ts", createdAt), ("sid", sessionId), ("wd", workDir), ("att", attempt),
            ("done", completedAt));

    public static Task<string> TaskStatusAsync(Guid taskId) => ScalarAsync<string>("SELECT status FROM agent_task_queue WHERE id = @id", ("id", taskId));

    /// <summary>Claim → start for a fresh task on the world's runtime; returns the claimed task JSON.</summary>
    public static async Task<JsonElement> ClaimAndStartAsync(DaemonWorld w)
    {
        var claim = await w.Daemon.PostAsync($"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim").ExpectAsync(HttpStatusCode.OK);
        var task = claim.GetProperty("task");
        Assert.That(task.ValueKind, Is.EqualTo(JsonValueKind.Object), "nothing was claimed");
        await w.Daemon.PostAsync($"/api/daemon/tasks/{task.Str("id")}/start").ExpectAsync(HttpStatusCode.OK);
        return task;
    }

    public static IReadOnlyList<RealtimeEvent> Events(string type, Func<Dictionary<string, object?>, bool>? where = null) =>
        TestEnvironment.Factory.Events.OfType(type)
            .Where(e => where is null || (AsDictionary(e.Payload) is { } d && where(d)))
            .ToList();

    /// <summary>A payload as a dictionary: typed payloads go through their wire JSON (strings stay strings).</summary>
    private static Dictionary<string, object?>? AsDictionary(object? payload)
    {
        if (payload is Dictionary<string, object?> d)
            return d;
        var json = JsonSerializer.SerializeToElement(payload, Multica.WebApi.Infrastructure.JsonDefaults.Options);
        if (json.ValueKind != JsonValueKind.Object)
            return null;
        return json.EnumerateObject().ToDictionary(p => p.Name,
            p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : (object?)p.Value.Clone());
    }

    public static bool HasTask(this Dictionary<string, object?> payload, Guid taskId) =>
        payload.TryGetValue("task_id", out var id) && id as string == taskId.ToString();

    public static async Task<T> ScalarAsync<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await TestEnvironment.OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default! : (T)result;
    }

    public static async Task<int> ExecAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await TestEnvironment.OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            var parameter = value switch
            {
                null => new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Unknown) { Value = DBNull.Value },
                DateTime dt => new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = DateTime.SpecifyKind(dt, DateTimeKind.Utc) },
                _ => new NpgsqlParameter(name, value),
            };
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
