using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Multica.Application.Common.Interfaces;
using Multica.Application.Tasks;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Domain.Tasks;
using Multica.Infrastructure.Persistence.Tasks;
using NpgsqlTypes;
using static Multica.Infrastructure.Persistence.RawSql;

namespace Multica.Infrastructure.Persistence.Tasks;

public sealed class TaskContextRepository(MulticaDbContext db) : ITaskContextRepository
{
    // Back to todo only while no task of the issue is still active.
    private static readonly string ResetIssueToTodoSql = $"""
        UPDATE issue SET status = 'todo', updated_at = @now
        WHERE id = @id AND status = 'in_progress'
          AND NOT EXISTS (SELECT 1 FROM agent_task_queue t
                          WHERE t.issue_id = @id AND t.status IN ({StatusSql.List(TaskStateMachine.Active)}))
        RETURNING *
        """;

    public async Task<IReadOnlyList<InboxItem>> NotifyTaskFailedAsync(Guid issueId, Guid agentId, DateTime now, CancellationToken ct) =>
        await db.InboxItems.FromSqlRaw("""
            INSERT INTO inbox_item (workspace_id, recipient_type, recipient_id, type, severity, issue_id, title,
                                    actor_type, actor_id, created_at)
            SELECT i.workspace_id, 'member', s.user_id, 'task_failed', 'action_required', i.id, i.title,
                   'agent', @agent, @now
            FROM issue_subscriber s JOIN issue i ON i.id = s.issue_id
            WHERE s.issue_id = @issue AND s.user_type = 'member'
            RETURNING *
            """, P("issue", issueId), P("agent", agentId), Time("now", now)).AsNoTracking().ToListAsync(ct);

    public Task<Agent?> FindAgentAsync(Guid agentId, CancellationToken ct) =>
        db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agentId, ct);

    // The in-flight check and the write in one statement. Writes only a changed status: an agent that stays
    // "working" is neither rewritten nor waited for while a concurrent claim holds its row (the claim locks the
    // agents it serves); the row is answered either way. The literal status list lets the in-flight partial index
    // answer the check, so the plan depends on no value: it runs on its generic plan (planning it for its values
    // took 0.6-0.7 ms per call, four times its execution; docs/benchmarks.md), as one autocommitted statement.
    internal static readonly string ReconcileAgentStatusSql = GenericPlanInterceptor.TagLine + $"""
        WITH target AS (
            SELECT CASE WHEN EXISTS (
                SELECT 1 FROM agent_task_queue t
                WHERE t.agent_id = @id AND t.status IN ({StatusSql.List(TaskStateMachine.InFlight)}))
                THEN @busy ELSE @idle END AS status),
        changed AS (
            UPDATE agent a SET status = target.status, updated_at = @now
            FROM target WHERE a.id = @id AND a.status <> target.status
            RETURNING a.*)
        SELECT * FROM changed
        UNION ALL
        SELECT * FROM agent WHERE id = @id AND NOT EXISTS (SELECT 1 FROM changed)
        """;

    public async Task<Agent?> ReconcileAgentStatusAsync(Guid agentId, string busyStatus, string idleStatus, DateTime now, CancellationToken ct) =>
        await EntityAsync<Agent>(db, ReconcileAgentStatusSql, [P("id", agentId),
            P("busy", NpgsqlDbType.Text, busyStatus), P("idle", NpgsqlDbType.Text, idleStatus), Time("now", now)], ct);

    public Task<Issue?> FindIssueAsync(Guid issueId, CancellationToken ct) =>
        db.Issues.AsNoTracking().FirstOrDefaultAsync(i => i.Id == issueId, ct);

    public async Task<Issue?> FindIssueByReferenceAsync(Guid workspaceId, string reference, CancellationToken ct)
    {
        // "PREFIX-N": the number after the last dash, inside this workspace; the prefix is not compared.
        var dash = reference.LastIndexOf('-');
        if (dash > 0 && dash < reference.Length - 1 && reference[(dash + 1)..].All(char.IsAsciiDigit)
            && int.TryParse(reference[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            var byNumber = await db.Issues.AsNoTracking()
                .FirstOrDefaultAsync(i => i.WorkspaceId == workspaceId && i.Number == number, ct);
            if (byNumber is not null)
                return byNumber;
        }
        return Guid.TryParse(reference, out var id)
            ? await db.Issues.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.WorkspaceId == workspaceId, ct)
            : null;
    }

    public Task<Workspace?> FindWorkspaceAsync(Guid workspaceId, CancellationToken ct) =>
        db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId, ct);

    public Task<ChatSession?> FindChatSessionAsync(Guid chatSessionId, CancellationToken ct) =>
        db.ChatSessions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == chatSessionId, ct);

    public Task<AutopilotRun?> FindAutopilotRunAsync(Guid runId, CancellationToken ct) =>
        db.AutopilotRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct);

    public Task<Comment?> FindCommentAsync(Guid commentId, CancellationToken ct) =>
        db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId, ct);

    public async Task<Guid?> ResolveTaskWorkspaceAsync(AgentTask task, CancellationToken ct)
    {
        if (task.IssueId is { } issueId
            && await db.Issues.Where(i => i.Id == issueId).Select(i => (Guid?)i.WorkspaceId).FirstOrDefaultAsync(ct) is { } fromIssue)
            return fromIssue;
        if (task.ChatSessionId is { } chatId
            && await db.ChatSessions.Where(c => c.Id == chatId).Select(c => (Guid?)c.WorkspaceId).FirstOrDefaultAsync(ct) is { } fromChat)
            return fromChat;
        if (task.AutopilotRunId is { } runId)
            return await db.AutopilotRuns.Where(r => r.Id == runId)
                .Join(db.Autopilots, r => r.AutopilotId, a => a.Id, (r, a) => (Guid?)a.WorkspaceId)
                .FirstOrDefaultAsync(ct);
        return null;
    }

    public async Task<IReadOnlyDictionary<int, Guid>> FindIssueIdsByNumberAsync(Guid workspaceId, IReadOnlyCollection<int> numbers, CancellationToken ct) =>
        await db.Issues.AsNoTracking()
            .Where(i => i.WorkspaceId == workspaceId && numbers.Contains(i.Number))
            .ToDictionaryAsync(i => i.Number, i => i.Id, ct);

    public Task InsertCommentAsync(Comment comment, CancellationToken ct) => InsertAsync(db, [comment], ct);

    public Task InsertAssistantMessageAsync(Guid chatSessionId, Guid taskId, string content, DateTime now, CancellationToken ct) =>
        ExecuteAsync(db, """
            WITH message AS (
                INSERT INTO chat_message (chat_session_id, role, content, task_id, created_at)
                VALUES (@session, 'assistant', @content, @task, @now)
                RETURNING chat_session_id
            )
            UPDATE chat_session SET unread_since = @now
            WHERE id IN (SELECT chat_session_id FROM message) AND unread_since IS NULL
            """,
            [P("session", chatSessionId), P("content", content), P("task", taskId), Time("now", now)], ct);

    private static readonly string FinishAutopilotRunSql = $"""
        UPDATE autopilot_run
        SET status = @status, completed_at = @now, result = CAST(@result AS jsonb), failure_reason = @reason
        WHERE id = @id AND status IN ({StatusSql.List(AutopilotRunStatus.Open)})
        RETURNING *
        """;

    public async Task<AutopilotRun?> FinishAutopilotRunAsync(Guid runId, string status, string? resultJson, string? failureReason,
        DateTime now, CancellationToken ct) =>
        (await db.AutopilotRuns.FromSqlRaw(FinishAutopilotRunSql,
            P("id", runId), P("status", status), Time("now", now),
            P("result", NpgsqlDbType.Text, resultJson), P("reason", NpgsqlDbType.Text, failureReason))
            .AsNoTracking().ToListAsync(ct)).FirstOrDefault();

    public Task SetAutopilotRunTaskAsync(Guid runId, Guid taskId, CancellationToken ct) =>
        db.AutopilotRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.TaskId, taskId), ct);

    public async Task<Issue?> ResetIssueToTodoIfIdleAsync(Guid issueId, DateTime now, CancellationToken ct) =>
        (await db.Issues.FromSqlRaw(ResetIssueToTodoSql, P("id", issueId), Time("now", now)).AsNoTracking().ToListAsync(ct)).FirstOrDefault();
}
