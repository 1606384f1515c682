using System.Net;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using Npgsql;

namespace Multica.IntegrationTests.Support;

/// <summary>A signed-in member with a client that selects one workspace (X-Workspace-ID).</summary>
public sealed record WorkspaceUser(SignedInUser User, Guid WorkspaceId, ApiClient Client)
{
    public Guid Id => User.Id;
}

public sealed record TaskRow(Guid Id, Guid AgentId, Guid? IssueId, string Status, Guid? TriggerCommentId, int Priority, DateTime? CompletedAt,
    Guid? ChatSessionId, Guid? AutopilotRunId);

/// <summary>Builders for the user-facing API tests. Runtimes are inserted directly: registering one is the daemon protocol's job.</summary>
public static class WorkspaceData
{
    public static ApiClient WorkspaceClient(string token, Guid workspaceId)
    {
        var client = TestData.ClientWith(token);
        client.Http.DefaultRequestHeaders.Add("X-Workspace-ID", workspaceId.ToString());
        return client;
    }

    /// <summary>A new user owning a new workspace.</summary>
    public static async Task<WorkspaceUser> OwnerAsync()
    {
        var user = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(user.Client);
        return new WorkspaceUser(user, ws.Id, WorkspaceClient(user.Jwt, ws.Id));
    }

    /// <summary>A new user added to the workspace with the role.</summary>
    public static async Task<WorkspaceUser> MemberAsync(Guid workspaceId, string role = "member")
    {
        var user = await TestData.SignInAsync();
        await TestData.AddMemberAsync(workspaceId, user.Id, role);
        return new WorkspaceUser(user, workspaceId, WorkspaceClient(user.Jwt, workspaceId));
    }

    public static async Task<Guid> CreateRuntimeAsync(Guid workspaceId, Guid? ownerId, string status = "online", string provider = "claude")
    {
        await using var connection = await TestEnvironment.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO agent_runtime (workspace_id, daemon_id, name, runtime_mode, provider, status, device_info, metadata, owner_id, last_seen_at)
            VALUES (@w, @d, @n, 'local', @p, @s, 'test-host', '{"version":"1.0","cli_version":"0.2.18","launched_by":""}'::jsonb, @o, now())
            RETURNING id
            """, connection);
        command.Parameters.AddWithValue("w", workspaceId);
        command.Parameters.AddWithValue("d", "daemon-" + Guid.NewGuid().ToString("N")[..8]);
        command.Parameters.AddWithValue("n", provider + " (test-host)");
        command.Parameters.AddWithValue("p", provider);
        command.Parameters.AddWithValue("s", status);
        command.Parameters.AddWithValue("o", (object?)ownerId ?? DBNull.Value);
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<JsonElement> CreateAgentAsync(ApiClient client, Guid runtimeId, string? name = null, string visibility = "workspace")
    {
        return await client.PostAsync("/api/agents", new { name = name ?? "agent-" + Guid.NewGuid().ToString("N")[..8], runtime_id = runtimeId, visibility })
            .ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>Owner, runtime and one workspace-visible agent.</summary>
    public static async Task<(WorkspaceUser Owner, Guid RuntimeId, Guid AgentId)> WorkspaceWithAgentAsync()
    {
        var owner = await OwnerAsync();
        var runtime = await CreateRuntimeAsync(owner.WorkspaceId, owner.Id);
        var agent = await CreateAgentAsync(owner.Client, runtime);
        return (owner, runtime, Guid.Parse(agent.Str("id")));
    }

    public static async Task<JsonElement> CreateIssueAsync(ApiClient client, string status = "todo", Guid? agentId = null, string priority = "none")
    {
        object body = agentId is null
            ? new { title = "Issue " + Guid.NewGuid().ToString("N")[..6], status, priority }
            : new { title = "Issue " + Guid.NewGuid().ToString("N")[..6], status, priority, assignee_type = "agent", assignee_id = agentId };
        return await client.PostAsync("/api/issues", body).ExpectAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> CommentAsync(ApiClient client, Guid issueId, string content, Guid? parentId = null)
    {
        object body = parentId is null ? new { content } : new { content, parent_id = parentId };
        return await client.PostAsync($"/api/issues/{issueId}/comments", body).ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>Posts a comment as the agent (X-Agent-ID), as the CLI inside a task does.</summary>
    public static async Task<JsonElement> AgentCommentAsync(WorkspaceUser member, Guid agentId, Guid issueId, string content,
        Guid? parentId = null, Guid? taskId = null)
    {
        var client = WorkspaceClient(member.User.Jwt, member.WorkspaceId);
        client.Http.DefaultRequestHeaders.Add("X-Agent-ID", agentId.ToString());
        if (taskId is not null)
            client.Http.DefaultRequestHeaders.Add("X-Task-ID", taskId.ToString());
        return await CommentAsync(client, issueId, content, parentId);
    }

    public static string AgentMention(Guid id, string label = "Agent") => $"[@{label}](mention://agent/{id})";

    public static string MemberMention(Guid id, string label = "Someone") => $"[@{label}](mention://member/{id})";

    public static async Task<IReadOnlyList<TaskRow>> TasksAsync(string where, params (string Name, object Value)[] parameters)
    {
        await using var connection = await TestEnvironment.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT id, agent_id, issue_id, status, trigger_comment_id, priority, completed_at, chat_session_id, autopilot_run_id
            FROM agent_task_queue WHERE {where} ORDER BY created_at, id
            """, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        var rows = new List<TaskRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new TaskRow(reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetDateTime(6),
                reader.IsDBNull(7) ? null : reader.GetGuid(7), reader.IsDBNull(8) ? null : reader.GetGuid(8)));
        return rows;
    }

    public static Task<IReadOnlyList<TaskRow>> IssueTasksAsync(Guid issueId) => TasksAsync("issue_id = @i", ("i", issueId));

    public static Task<IReadOnlyList<TaskRow>> TriggeredByAsync(Guid commentId) => TasksAsync("trigger_comment_id = @c", ("c", commentId));

    public static async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await TestEnvironment.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Finishes every task of the issue, so the next trigger is not coalesced into a pending one.</summary>
    public static Task CompleteIssueTasksAsync(Guid issueId) =>
        ExecuteAsync("UPDATE agent_task_queue SET status = 'completed', completed_at = now() WHERE issue_id = @i", ("i", issueId));

    public static Guid Id(this JsonElement e, string name = "id") => Guid.Parse(e.Str(name));
}
