using Npgsql;

namespace Multica.LoadGen;

/// <summary>Tables the pgbench ceiling scripts read (bench/pgbench/*.sql), written into the server's database.</summary>
public static class Seeds
{
    /// <summary>bench_runtime(n, id): the run's runtimes numbered 1..N, for `\set n random(1, :runtimes)`.</summary>
    public static Task WriteRuntimeTableAsync(string connectionString, IReadOnlyList<Guid> runtimes) =>
        WriteNumberedIdsAsync(connectionString, "bench_runtime", runtimes);

    /// <summary>bench_message_task(n, id): the running tasks of the message-ingest phase, numbered 1..N.</summary>
    public static Task WriteMessageTaskTableAsync(string connectionString, IReadOnlyList<Guid> tasks) =>
        WriteNumberedIdsAsync(connectionString, "bench_message_task", tasks);

    private static async Task WriteNumberedIdsAsync(string connectionString, string table, IReadOnlyList<Guid> ids)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(
            $"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} (n int PRIMARY KEY, id uuid NOT NULL)", connection))
            await create.ExecuteNonQueryAsync();
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {table} (n, id) SELECT n, id FROM unnest(@ids) WITH ORDINALITY AS x(id, n)", connection);
        insert.Parameters.AddWithValue("ids", ids.ToArray());
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// ANALYZE of the whole database: the statistics autovacuum would have gathered by the time a real server's tables
    /// had grown this far. The warm-up fills empty tables within seconds, faster than autovacuum's next round, and
    /// cached generic plans made on the empty tables' statistics would otherwise stay (docs/benchmarks.md, eighth stop).
    /// </summary>
    public static async Task AnalyzeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// `count` queued tasks on one runtime and agent (one issue each: a task is unique per pending
    /// (issue, agent)), and bench_queue_runtime(id) naming that runtime.
    /// </summary>
    public static async Task QueueTasksAsync(string connectionString, Guid workspaceId, Guid agentId, Guid runtimeId, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        const string sql = """
            WITH creator AS (SELECT user_id FROM member WHERE workspace_id = @ws LIMIT 1),
                 base AS (SELECT COALESCE(MAX(number), 0) AS n FROM issue WHERE workspace_id = @ws),
                 issues AS (
                    INSERT INTO issue (workspace_id, title, status, priority, creator_type, creator_id, number)
                    SELECT @ws, 'queued ' || g, 'todo', 'none', 'member', (SELECT user_id FROM creator), (SELECT n FROM base) + g
                    FROM generate_series(1, @count) g
                    RETURNING id)
            INSERT INTO agent_task_queue (agent_id, runtime_id, issue_id, status, priority)
            SELECT @agent, @runtime, id, 'queued', 0 FROM issues;
            DROP TABLE IF EXISTS bench_queue_runtime;
            CREATE TABLE bench_queue_runtime (id uuid NOT NULL);
            INSERT INTO bench_queue_runtime (id) VALUES (@runtime);
            ANALYZE agent_task_queue; ANALYZE issue;
            """;
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("ws", workspaceId);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("agent", agentId);
        command.Parameters.AddWithValue("runtime", runtimeId);
        await command.ExecuteNonQueryAsync();
    }
}
