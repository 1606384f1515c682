using Npgsql;

namespace Multica.IntegrationTests.Support;

/// <summary>
/// Rows the daemon-protocol and pending-request tests need that no public route of this branch creates
/// (runtimes, agents, tasks, issues, chat sessions, autopilot runs), inserted directly.
/// </summary>
public static class DaemonSeed
{
    /// <summary>A newly signed-in owner's new workspace, with a runtime of the owner's and one agent on it.</summary>
    public static async Task<(Guid Workspace, Guid Owner, Guid Runtime, Guid Agent)> WorkspaceWithAgentAsync()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var runtime = await RuntimeAsync(ws.Id, owner.Id);
        return (ws.Id, owner.Id, runtime, await AgentAsync(ws.Id, runtime, owner.Id));
    }

    public static Task<Guid> RuntimeAsync(Guid workspaceId, Guid? ownerId, string status = "online", string? daemonId = null, string provider = "claude") =>
        ScalarAsync<Guid>("""
            INSERT INTO agent_runtime (workspace_id, daemon_id, name, runtime_mode, provider, status, owner_id, last_seen_at)
            VALUES (@w, @d, @n, 'local', @p, @s, @o, now()) RETURNING id
            """, ("w", workspaceId), ("d", daemonId ?? "daemon-" + Guid.NewGuid().ToString("N")[..8]), ("n", provider + " (test)"),
            ("p", provider), ("s", status), ("o", (object?)ownerId ?? DBNull.Value));

    public static Task<Guid> AgentAsync(Guid workspaceId, Guid runtimeId, Guid? ownerId) =>
        ScalarAsync<Guid>("""
            INSERT INTO agent (workspace_id, name, runtime_mode, runtime_id, owner_id, visibility, status)
            VALUES (@w, @n, 'local', @r, @o, 'workspace', 'idle') RETURNING id
            """, ("w", workspaceId), ("n", "agent-" + Guid.NewGuid().ToString("N")[..10]), ("r", runtimeId), ("o", (object?)ownerId ?? DBNull.Value));

    public static Task<Guid> IssueAsync(Guid workspaceId, Guid creatorId, string status = "todo", DateTime? updatedAt = null) =>
        ScalarAsync<Guid>("""
            INSERT INTO issue (workspace_id, title, status, creator_type, creator_id, number, updated_at)
            VALUES (@w, 'test issue', @s, 'member', @c,
                    (SELECT coalesce(max(number), 0) + 1 FROM issue WHERE workspace_id = @w), @u) RETURNING id
            """, ("w", workspaceId), ("s", status), ("c", creatorId), ("u", updatedAt ?? DateTime.UtcNow));

    public static Task<Guid> ChatSessionAsync(Guid workspaceId, Guid agentId, Guid creatorId, string status = "active") =>
        ScalarAsync<Guid>("""
            INSERT INTO chat_session (workspace_id, agent_id, creator_id, title, status) VALUES (@w, @a, @c, 'chat', @s) RETURNING id
            """, ("w", workspaceId), ("a", agentId), ("c", creatorId), ("s", status));

    public static Task<Guid> AutopilotAsync(Guid workspaceId, Guid agentId, Guid creatorId) =>
        ScalarAsync<Guid>("""
            INSERT INTO autopilot (workspace_id, title, assignee_id, execution_mode, created_by_type, created_by_id)
            VALUES (@w, 'autopilot', @a, 'run_only', 'member', @c) RETURNING id
            """, ("w", workspaceId), ("a", agentId), ("c", creatorId));

    public static Task<Guid> AutopilotRunAsync(Guid autopilotId, string status = "running", DateTime? completedAt = null) =>
        ScalarAsync<Guid>("""
            INSERT INTO autopilot_run (autopilot_id, source, status, completed_at) VALUES (@a, 'manual', @s, @c) RETURNING id
            """, ("a", autopilotId), ("s", status), ("c", (object?)completedAt ?? DBNull.Value));

    public static Task<Guid> TaskAsync(Guid agentId, Guid runtimeId, Guid? issueId = null, string status = "queued",
        Guid? chatSessionId = null, Guid? autopilotRunId = null, DateTime? dispatchedAt = null, DateTime? startedAt = null,
        DateTime? completedAt = null) =>
        ScalarAsync<Guid>("""
            INSERT INTO agent_task_queue (agent_id, runtime_id, issue_id, status, chat_session_id, autopilot_run_id,
                                          dispatched_at, started_at, completed_at)
            VALUES (@a, @r, @i, @s, @c, @ar, @d, @st, @co) RETURNING id
            """, ("a", agentId), ("r", runtimeId), ("i", (object?)issueId ?? DBNull.Value), ("s", status),
            ("c", (object?)chatSessionId ?? DBNull.Value), ("ar", (object?)autopilotRunId ?? DBNull.Value),
            ("d", (object?)dispatchedAt ?? DBNull.Value), ("st", (object?)startedAt ?? DBNull.Value),
            ("co", (object?)completedAt ?? DBNull.Value));

    public static async Task ExecAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await TestEnvironment.OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await TestEnvironment.OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return (T)value!;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }
}
