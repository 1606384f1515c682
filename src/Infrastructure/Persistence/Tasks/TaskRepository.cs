using Microsoft.EntityFrameworkCore;
using Multica.Application.Common.Interfaces;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Claiming;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Domain.Tasks;
using Multica.Infrastructure.Persistence.Tasks;
using Npgsql;
using NpgsqlTypes;
using static Multica.Infrastructure.Persistence.RawSql;

namespace Multica.Infrastructure.Persistence.Tasks;

public sealed class TaskRepository(MulticaDbContext db, ITransactionRunner transactions, EmptyQueueMarks emptyQueues) : ITaskRepository
{
    private static readonly string FailOnOfflineRuntimeSql = $"""
        UPDATE agent_task_queue
        SET status = @to, completed_at = @now, error = @error, failure_reason = @reason,
            wait_reason = NULL, prepare_lease_expires_at = NULL
        WHERE status IN ({StatusSql.List(TaskStateMachine.FailOnOfflineRuntime.From)})
          AND runtime_id IN (SELECT id FROM agent_runtime WHERE status = 'offline')
        RETURNING *
        """;

    // Time out: claimed but never started before the dispatch timeout, or running past the run timeout.
    private static readonly string TimeOutSql = $"""
        UPDATE agent_task_queue
        SET status = @to, completed_at = @now, error = @error, failure_reason = @reason,
            wait_reason = NULL, prepare_lease_expires_at = NULL
        WHERE status IN ({StatusSql.List(TaskStateMachine.TimeOut.From)})
          AND ((status IN ({StatusSql.List(TaskStateMachine.Unstarted)}) AND dispatched_at < @dispatched_before)
               OR (status IN ({StatusSql.List([AgentTaskStatus.Running])}) AND started_at < @started_before))
        RETURNING *
        """;

    // The head of each runtime's pending index (the claim walk's order): one index probe per runtime, whatever
    // the plan and however skewed the queue (a runtime's id comes from the array, not from a parameter the
    // planner could look up in the statistics). So it runs on its generic plan (GenericPlanInterceptor): planned on
    // every call it took 0.55 ms to plan against 0.04 ms to run (docs/benchmarks.md, fifth stop).
    private static readonly string RuntimesWithPendingSql = GenericPlanInterceptor.TagLine + $"""
        SELECT rt.id
        FROM unnest(@runtimes) AS rt(id)
        CROSS JOIN LATERAL (
            SELECT 1 FROM agent_task_queue t
            WHERE t.runtime_id = rt.id AND t.status IN ({StatusSql.List(TaskStateMachine.Pending)})
            ORDER BY t.priority DESC, t.created_at ASC
            LIMIT 1
        ) p
        """;

    public Task<AgentTask?> FindAsync(Guid taskId, CancellationToken ct) =>
        db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);

    public async Task<IReadOnlyList<AgentTask>> ListPendingForRuntimeAsync(Guid runtimeId, CancellationToken ct) =>
        await db.Tasks.AsNoTracking()
            .Where(t => t.RuntimeId == runtimeId && TaskStateMachine.Pending.Contains(t.Status))
            .OrderByDescending(t => t.Priority).ThenBy(t => t.CreatedAt)
            .ToListAsync(ct);

    public async Task<IReadOnlySet<Guid>> RuntimesWithPendingAsync(IReadOnlyCollection<Guid> runtimeIds, CancellationToken ct) =>
        runtimeIds.Count == 0 ? new HashSet<Guid>()
            : (await QueryAsync(db, RuntimesWithPendingSql, [Uuids("runtimes", runtimeIds)], x => x.GetGuid(0), ct)).ToHashSet();

    public async Task<IReadOnlyList<AgentTask>> ListForIssueAsync(Guid issueId, bool inFlightOnly, CancellationToken ct)
    {
        var query = db.Tasks.AsNoTracking().Where(t => t.IssueId == issueId);
        if (inFlightOnly)
            query = query.Where(t => TaskStateMachine.InFlight.Contains(t.Status));
        return await query.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).ToListAsync(ct);
    }

    public async Task<AgentTask?> InsertAsync(AgentTask task, CancellationToken ct)
    {
        // ON CONFLICT DO NOTHING covers the partial unique index "one pending task per (issue, agent)".
        var rows = await EntitiesAsync<AgentTask>(db, InsertOnGenericPlan(db, """
            INSERT INTO agent_task_queue (id, agent_id, runtime_id, issue_id, chat_session_id, autopilot_run_id, status, priority,
                trigger_comment_id, context, session_id, work_dir, attempt, max_attempts, parent_task_id, created_at)
            VALUES (@id, @agent, @runtime, @issue, @chat, @run, @status, @priority,
                @trigger, CAST(@context AS jsonb), @session, @work_dir, @attempt, @max_attempts, @parent, @created)
            ON CONFLICT DO NOTHING
            RETURNING *
            """),
            [P("id", task.Id), P("agent", task.AgentId), P("runtime", task.RuntimeId),
            P("issue", NpgsqlDbType.Uuid, task.IssueId), P("chat", NpgsqlDbType.Uuid, task.ChatSessionId),
            P("run", NpgsqlDbType.Uuid, task.AutopilotRunId), P("status", task.Status), P("priority", task.Priority),
            P("trigger", NpgsqlDbType.Uuid, task.TriggerCommentId), P("context", NpgsqlDbType.Text, task.Context),
            P("session", NpgsqlDbType.Text, task.SessionId), P("work_dir", NpgsqlDbType.Text, task.WorkDir),
            P("attempt", task.Attempt), P("max_attempts", task.MaxAttempts),
            P("parent", NpgsqlDbType.Uuid, task.ParentTaskId), Time("created", task.CreatedAt)], ct);
        if (rows.Count > 0)
            emptyQueues.TaskInserted(task.RuntimeId, transactions);
        return rows.FirstOrDefault();
    }

    public Task<AgentTask?> StartAsync(Guid taskId, DateTime now, CancellationToken ct) => TransitionAsync("""
        UPDATE agent_task_queue
        SET status = @to, started_at = @now, wait_reason = NULL, prepare_lease_expires_at = NULL
        WHERE id = @id AND status = ANY(@from)
        RETURNING *
        """, taskId, TaskStateMachine.Start, now, ct);

    /// <summary>
    /// The SET clauses complete and fail share: the run's session, work dir, branch and durable dir are kept unless
    /// the report names new ones (parameters from <see cref="RunSessionParameters"/>); the wait state is cleared.
    /// </summary>
    private const string KeepRunSession = """
        session_id = COALESCE(NULLIF(@session, ''), session_id),
        work_dir = COALESCE(NULLIF(@work_dir, ''), work_dir),
        branch_name = COALESCE(NULLIF(@branch, ''), branch_name),
        durable_work_dir = COALESCE(NULLIF(@durable, ''), durable_work_dir),
        wait_reason = NULL, prepare_lease_expires_at = NULL
        """;

    private static NpgsqlParameter[] RunSessionParameters(string? sessionId, string? workDir, string? branch, string? durable,
        params NpgsqlParameter[] more) =>
    [
        .. more,
        P("session", NpgsqlDbType.Text, sessionId), P("work_dir", NpgsqlDbType.Text, workDir),
        P("branch", NpgsqlDbType.Text, branch), P("durable", NpgsqlDbType.Text, durable),
    ];

    public Task<FinishedRun?> CompleteAsync(Guid taskId, TaskCompletion c, DateTime now, CancellationToken ct) =>
        FinishRunAsync(CompleteSql, taskId, TaskStateMachine.Complete, now, ct,
            RunSessionParameters(c.SessionId, c.WorkDir, c.BranchName, c.DurableWorkDir, P("result", NpgsqlDbType.Text, c.ResultJson)));

    public Task<FinishedRun?> FailAsync(Guid taskId, TaskFailure f, DateTime now, CancellationToken ct) =>
        FinishRunAsync(FailSql, taskId, TaskStateMachine.Fail, now, ct,
            RunSessionParameters(f.SessionId, f.WorkDir, f.BranchName, f.DurableWorkDir,
                P("error", NpgsqlDbType.Text, f.Error), P("reason", NpgsqlDbType.Text, f.FailureReason)));

    private static readonly string CompleteSql = FinishRunSql($"""
        status = @to, completed_at = @now, started_at = COALESCE(started_at, @now),
        result = CAST(@result AS jsonb),
        {KeepRunSession}
        """);

    private static readonly string FailSql = FinishRunSql($"""
        status = @to, completed_at = @now, error = @error, failure_reason = @reason,
        {KeepRunSession}
        """);

    /// <summary>
    /// A daemon's complete / fail report in one statement (one round trip, one implicit transaction): the guarded
    /// UPDATE with <paramref name="set"/>, the deletion of the task's tokens, and for a chat task the chat's resume
    /// pointer (the same session and work dir; empty values keep the stored ones). Every part is a primary-key or
    /// task-id lookup: on its generic plan (docs/daemon-protocol.md, "Plans"). The row is read by the model's column
    /// names (<see cref="EntityRows"/>) beside the deleted tokens' hashes.
    /// </summary>
    private static string FinishRunSql(string set) => $"""
        {GenericPlanInterceptor.TagLine}WITH done AS (
            UPDATE agent_task_queue
            SET {set}
            WHERE id = @id AND status = ANY(@from)
            RETURNING *),
        gone AS (
            DELETE FROM task_token WHERE task_id = @id AND EXISTS (SELECT 1 FROM done)
            RETURNING token_hash),
        chat AS (
            UPDATE chat_session
            SET session_id = COALESCE(NULLIF(@session, ''), session_id),
                work_dir = COALESCE(NULLIF(@work_dir, ''), work_dir),
                updated_at = @now
            WHERE id = (SELECT chat_session_id FROM done)
              AND (COALESCE(@session, '') <> '' OR COALESCE(@work_dir, '') <> ''))
        SELECT done.*, ARRAY(SELECT token_hash FROM gone) AS finished_token_hashes FROM done
        """;

    private async Task<FinishedRun?> FinishRunAsync(string sql, Guid taskId, TaskStatusTransition transition, DateTime now,
        CancellationToken ct, NpgsqlParameter[] parameters)
    {
        var rows = await QueryAsync(db, sql, TransitionParameters(taskId, transition, now, parameters),
            r => new FinishedRun(EntityRows.Read<AgentTask>(db, r), r.GetFieldValue<string[]>(r.GetOrdinal("finished_token_hashes"))), ct);
        return rows.FirstOrDefault();
    }

    public Task<AgentTask?> CancelAsync(Guid taskId, DateTime now, CancellationToken ct) => TransitionAsync("""
        UPDATE agent_task_queue
        SET status = @to, completed_at = @now, wait_reason = NULL, prepare_lease_expires_at = NULL
        WHERE id = @id AND status = ANY(@from)
        RETURNING *
        """, taskId, TaskStateMachine.Cancel, now, ct);

    public async Task<IReadOnlyList<AgentTask>> CancelActiveAsync(Guid? issueId, Guid? agentId, DateTime now, CancellationToken ct)
    {
        if (issueId is null && agentId is null)
            return [];
        return await db.Tasks.FromSqlRaw("""
            UPDATE agent_task_queue
            SET status = @to, completed_at = @now, wait_reason = NULL, prepare_lease_expires_at = NULL
            WHERE status = ANY(@from)
              AND (@issue::uuid IS NULL OR issue_id = @issue)
              AND (@agent::uuid IS NULL OR agent_id = @agent)
            RETURNING *
            """,
            Texts("from", TaskStateMachine.Cancel.From), P("to", TaskStateMachine.Cancel.To), Time("now", now),
            P("issue", NpgsqlDbType.Uuid, issueId), P("agent", NpgsqlDbType.Uuid, agentId))
            .AsNoTracking().ToListAsync(ct);
    }

    public async Task<IReadOnlyList<AgentTask>> FailInFlightOnRuntimeAsync(Guid runtimeId, string error, string failureReason, DateTime now, CancellationToken ct) =>
        await db.Tasks.FromSqlRaw("""
            UPDATE agent_task_queue
            SET status = @to, completed_at = @now, error = @error, failure_reason = @reason,
                wait_reason = NULL, prepare_lease_expires_at = NULL
            WHERE runtime_id = @runtime AND status = ANY(@from)
            RETURNING *
            """,
            P("runtime", runtimeId), Texts("from", TaskStateMachine.Fail.From), P("to", TaskStateMachine.Fail.To), Time("now", now),
            P("error", error), P("reason", failureReason))
            .AsNoTracking().ToListAsync(ct);

    public async Task<IReadOnlyList<AgentTask>> FailInFlightOnOfflineRuntimesAsync(string error, string failureReason, DateTime now, CancellationToken ct) =>
        await db.Tasks.FromSqlRaw(FailOnOfflineRuntimeSql, Time("now", now), P("error", error), P("reason", failureReason), P("to", TaskStateMachine.FailOnOfflineRuntime.To))
            .AsNoTracking().ToListAsync(ct);

    public async Task<IReadOnlyList<AgentTask>> FailStaleAsync(DateTime dispatchedBefore, DateTime startedBefore, string error,
        string failureReason, DateTime now, CancellationToken ct) =>
        await db.Tasks.FromSqlRaw(TimeOutSql, P("to", TaskStateMachine.TimeOut.To), Time("now", now), Time("dispatched_before", dispatchedBefore), Time("started_before", startedBefore),
            P("error", error), P("reason", failureReason))
            .AsNoTracking().ToListAsync(ct);

    public Task PinSessionAsync(Guid taskId, string? sessionId, string? workDir, DateTime now, CancellationToken ct) =>
        ExecuteAsync(db, """
            UPDATE agent_task_queue
            SET session_id = COALESCE(NULLIF(@session, ''), session_id),
                work_dir = COALESCE(NULLIF(@work_dir, ''), work_dir),
                last_heartbeat_at = @now
            WHERE id = @id AND status = ANY(@in)
            """,
            [P("id", taskId), P("session", NpgsqlDbType.Text, sessionId), P("work_dir", NpgsqlDbType.Text, workDir),
             Time("now", now), Texts("in", TaskStateMachine.InFlight)], ct);

    public async Task RetireSessionAsync(AgentTask task, string sessionId, CancellationToken ct)
    {
        if (task.IssueId is null && task.ChatSessionId is null)
            return;
        await ExecuteAsync(db, """
            UPDATE agent_task_queue SET session_id = NULL
            WHERE agent_id = @agent AND session_id = @session
              AND ((@issue::uuid IS NOT NULL AND issue_id = @issue) OR (@chat::uuid IS NOT NULL AND chat_session_id = @chat))
            """,
            [P("agent", task.AgentId), P("session", NpgsqlDbType.Text, sessionId),
             P("issue", NpgsqlDbType.Uuid, task.IssueId), P("chat", NpgsqlDbType.Uuid, task.ChatSessionId)], ct);
        if (task.ChatSessionId is { } chat)
            await ExecuteAsync(db, "UPDATE chat_session SET session_id = NULL WHERE id = @id AND session_id = @session",
                [P("id", chat), P("session", NpgsqlDbType.Text, sessionId)], ct);
    }

    public Task<bool> HasActiveTaskForIssueAsync(Guid issueId, CancellationToken ct) =>
        db.Tasks.AnyAsync(t => t.IssueId == issueId && TaskStateMachine.Active.Contains(t.Status), ct);

    public async Task<IReadOnlyList<string>> DeleteTaskTokensAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct) =>
        await QueryAsync(db, GenericPlanInterceptor.TagLine + "DELETE FROM task_token WHERE task_id = ANY(@ids) RETURNING token_hash",
            [Uuids("ids", taskIds)], r => r.GetString(0), ct);

    public async Task<IReadOnlySet<int>?> InsertMessagesAsync(Guid taskId, IReadOnlyList<NewTaskMessage> messages, DateTime now, CancellationToken ct)
    {
        // One statement for the whole batch: all rows or none; rows already stored under the same seq are skipped.
        // On its generic plan (GenericPlanInterceptor). A task deleted
        // after its access check (served from memory) fails the foreign key: nothing is stored.
        List<int> inserted = [];
        return await PostgresErrors.WritesUnlessReferenceGoneAsync(async () => inserted = await InsertMessageRowsAsync(taskId, messages, now, ct))
            ? inserted.ToHashSet()
            : null;
    }

    private Task<List<int>> InsertMessageRowsAsync(Guid taskId, IReadOnlyList<NewTaskMessage> messages, DateTime now, CancellationToken ct) =>
        QueryAsync(db, MessageInsertSql,
            [P("task", taskId), Time("now", now),
             P("seqs", NpgsqlDbType.Array | NpgsqlDbType.Integer, messages.Select(m => m.Seq).ToArray()),
             Texts("types", messages.Select(m => m.Type)), Texts("tools", messages.Select(m => m.Tool)),
             Texts("contents", messages.Select(m => m.Content)), Texts("inputs", messages.Select(m => m.InputJson)),
             Texts("outputs", messages.Select(m => m.Output))],
            r => r.GetInt32(0), ct);

    private static readonly string MessageInsertSql = GenericPlanInterceptor.TagLine + """
            INSERT INTO task_message (task_id, seq, type, tool, content, input, output, created_at)
            SELECT @task, m.seq, m.type, m.tool, m.content, CAST(m.input AS jsonb), m.output, @now
            FROM unnest(@seqs, @types, @tools, @contents, @inputs, @outputs) AS m(seq, type, tool, content, input, output)
            ON CONFLICT (task_id, seq) DO NOTHING
            RETURNING seq
            """;

    // The page's rows by count (the unique (task_id, seq) index, in order), each with the bulk text of the rows before
    // it; a row is kept while that stays under the budget, so the row that reaches it is the last. Only the page's rows
    // are sized: the window runs under the LIMIT. octet_length of a text column reads its stored length; the input is
    // jsonb and is sized as the JSON text it is sent as. Prepared and planned for its values (the LIMIT is one).
    private const string ListMessagesSql = """
        WITH page AS (
            SELECT m.*,
                   COALESCE(sum(COALESCE(octet_length(m.content), 0) + COALESCE(octet_length(m.input::text), 0)
                                + COALESCE(octet_length(m.output), 0))
                            OVER (ORDER BY m.seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
            FROM task_message m
            WHERE m.task_id = @task AND m.seq > @since
            ORDER BY m.seq
            LIMIT @limit)
        SELECT page.*, EXISTS (SELECT 1 FROM page p WHERE p.before >= @budget) AS cut_by_bytes
        FROM page
        WHERE page.before < @budget
        ORDER BY page.seq
        """;

    public async Task<TaskMessageSlice> ListMessagesAsync(Guid taskId, int? sinceSeq, int limit, long maxBytes, CancellationToken ct)
    {
        var rows = await QueryAsync(db, ListMessagesSql,
            [P("task", taskId), P("since", NpgsqlDbType.Integer, sinceSeq ?? int.MinValue), P("limit", NpgsqlDbType.Integer, limit),
             P("budget", NpgsqlDbType.Bigint, maxBytes)],
            reader => (Message: EntityRows.Read<TaskMessage>(db, reader), Cut: reader.GetBoolean(reader.GetOrdinal("cut_by_bytes"))), ct);
        return new TaskMessageSlice(rows.Select(r => r.Message).ToList(), rows.Count > 0 && rows[0].Cut);
    }

    // A task deleted after its access check (served from memory) fails the foreign key: nothing is stored.
    public Task<bool> UpsertUsageAsync(Guid taskId, IReadOnlyList<UsageEntry> entries, DateTime now, CancellationToken ct) =>
        PostgresErrors.WritesUnlessReferenceGoneAsync(() => UpsertUsageRowsAsync(taskId, entries, now, ct));

    private Task UpsertUsageRowsAsync(Guid taskId, IReadOnlyList<UsageEntry> entries, DateTime now, CancellationToken ct) =>
        ExecuteAsync(db, GenericPlanInterceptor.TagLine + """
            INSERT INTO task_usage (task_id, provider, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, created_at)
            SELECT @task, u.provider, u.model, u.input, u.output, u.cache_read, u.cache_write, @now
            FROM unnest(@providers, @models, @inputs, @outputs, @cache_reads, @cache_writes)
                AS u(provider, model, input, output, cache_read, cache_write)
            ON CONFLICT (task_id, provider, model) DO UPDATE SET
                input_tokens = EXCLUDED.input_tokens,
                output_tokens = EXCLUDED.output_tokens,
                cache_read_tokens = EXCLUDED.cache_read_tokens,
                cache_write_tokens = EXCLUDED.cache_write_tokens
            """,
            [P("task", taskId), Time("now", now),
             Texts("providers", entries.Select(e => e.Provider)), Texts("models", entries.Select(e => e.Model)),
             Longs("inputs", entries.Select(e => e.InputTokens)), Longs("outputs", entries.Select(e => e.OutputTokens)),
             Longs("cache_reads", entries.Select(e => e.CacheReadTokens)), Longs("cache_writes", entries.Select(e => e.CacheWriteTokens))], ct);

    public async Task<IssueUsageSummary> SummarizeIssueUsageAsync(Guid issueId, CancellationToken ct)
    {
        var rows = await QueryAsync(db, """
            SELECT COALESCE(SUM(u.input_tokens), 0)::bigint, COALESCE(SUM(u.output_tokens), 0)::bigint,
                   COALESCE(SUM(u.cache_read_tokens), 0)::bigint, COALESCE(SUM(u.cache_write_tokens), 0)::bigint,
                   COUNT(DISTINCT u.task_id)::int
            FROM task_usage u
            JOIN agent_task_queue t ON t.id = u.task_id
            WHERE t.issue_id = @issue
            """,
            [P("issue", issueId)],
            r => new IssueUsageSummary(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt32(4)), ct);
        return rows[0];
    }

    private async Task<AgentTask?> TransitionAsync(string sql, Guid taskId, TaskStatusTransition transition, DateTime now,
        CancellationToken ct, params NpgsqlParameter[] extra)
    {
        var parameters = TransitionParameters(taskId, transition, now, extra);
        // A primary-key write: on its generic plan, inside a finish transaction (complete, fail, cancel) or alone
        // (a start; docs/daemon-protocol.md, "Plans").
        return await EntityAsync<AgentTask>(db, GenericPlanInterceptor.TagLine + sql, parameters, ct);
    }

    /// <summary>The parameters every guarded transition binds: the task, the states it may leave, the one it enters, the time.</summary>
    private static NpgsqlParameter[] TransitionParameters(Guid taskId, TaskStatusTransition transition, DateTime now, NpgsqlParameter[] extra) =>
        [P("id", taskId), Texts("from", transition.From), P("to", transition.To), Time("now", now), .. extra];

    private static NpgsqlParameter Longs(string name, IEnumerable<long> values) =>
        P(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint, values.ToArray());
}
