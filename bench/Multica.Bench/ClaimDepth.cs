using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace Multica.Bench;

/// <summary>Claim latency with N tasks already queued on the same runtime: it must not grow with N.</summary>
public static class ClaimDepth
{
    public static async Task QueueTasksAsync(string connectionString, BenchWorld world, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // One issue per task: the unique pending index allows one queued task per (issue, agent).
        const string sql = """
            WITH creator AS (SELECT user_id FROM member WHERE workspace_id = @ws LIMIT 1),
                 base AS (SELECT COALESCE(MAX(number), 0) AS n FROM issue WHERE workspace_id = @ws),
                 issues AS (
                    INSERT INTO issue (workspace_id, title, status, priority, creator_type, creator_id, number)
                    SELECT @ws, 'depth ' || g, 'todo', 'none', 'member', (SELECT user_id FROM creator), (SELECT n FROM base) + g
                    FROM generate_series(1, @count) g
                    RETURNING id)
            INSERT INTO agent_task_queue (agent_id, runtime_id, issue_id, status, priority)
            SELECT @agent, @runtime, id, 'queued', 0 FROM issues
            """;
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("ws", world.WorkspaceId);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("agent", world.AgentId);
        command.Parameters.AddWithValue("runtime", world.RuntimeId);
        await command.ExecuteNonQueryAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE agent_task_queue; ANALYZE issue;", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    public static async Task<List<double>> MeasureAsync(BenchWorld world, int claims)
    {
        var results = new List<double>();
        for (var i = 0; i < claims; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var task = (await world.Daemon.PostAsync($"/api/daemon/runtimes/{world.RuntimeId}/tasks/claim")).GetProperty("task");
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (task.ValueKind != JsonValueKind.Object)
                throw new InvalidOperationException("queue ran dry during the claim benchmark");
            results.Add(elapsed);
            await Setup.FinishAsync(world, task);
        }
        return results;
    }
}
