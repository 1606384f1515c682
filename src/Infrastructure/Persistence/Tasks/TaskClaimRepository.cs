using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Domain.Entities;
using Npgsql;
using NpgsqlTypes;
using Multica.Domain.Tasks;
using static Multica.Infrastructure.Persistence.RawSql;
using static Multica.Infrastructure.Persistence.StatusSql;

namespace Multica.Infrastructure.Persistence.Tasks;

/// <summary>
/// The claim, in one transaction of two statements (see docs/daemon-protocol.md, "Why the claim is safe"):
/// <list type="number">
/// <item>lock the agents whose work sits at the head of the runtimes' queues (FOR NO KEY UPDATE SKIP LOCKED);</item>
/// <item>with a fresh snapshot taken after those locks, pick per locked agent its next task under
///   max_concurrent_tasks and the (agent, issue)/(agent, chat) serialisation, dispatch it, mark the agent working
///   and mint the claimed tasks' mat_ tokens.</item>
/// </list>
/// The capacity count cannot live in the locking statement itself: in READ COMMITTED a statement's
/// snapshot predates the locks it waits for, so it could miss a claim committed just before.
/// </summary>
public sealed class TaskClaimRepository(MulticaDbContext db, ITransactionRunner transactions) : ITaskClaimRepository
{
    private static readonly string InFlight = $"({List(TaskStateMachine.InFlight)})";
    private static readonly string Queued = List(TaskStateMachine.Claim.From);
    private static readonly string Reofferable = List(TaskStateMachine.Reoffer.From);
    private static readonly string Dispatched = List([TaskStateMachine.Claim.To!]);
    // An agent that is already working keeps its row as it is: under load most claims find it so, and a write
    // there would be a new row version of a hot row per claim.
    private static readonly string Working = List([TaskRules.AgentStatusFor(anyInFlight: true)]);

    // Candidate rows walk idx_agent_task_queue_runtime_pending per runtime, at most {scan} rows each.
    // The sibling checks are written so each probe hits the issue / chat-session indexes (chat tasks are
    // never parked in waiting_local_directory, which only issue tasks with a local project directory use).
    // A dispatched row is a candidate only when its claim response was evidently lost: never started,
    // dispatched before the grace, and no live prepare lease.
    private static readonly string CandidateFilter = $"""
            t.status IN ({List(TaskStateMachine.Pending)})
            AND (
                (t.status IN ({Queued})
                 AND (t.issue_id IS NULL OR NOT EXISTS (
                    SELECT 1 FROM agent_task_queue s
                    WHERE s.issue_id = t.issue_id AND s.agent_id = t.agent_id AND s.status IN {InFlight}))
                 AND (t.chat_session_id IS NULL OR NOT EXISTS (
                    SELECT 1 FROM agent_task_queue s
                    WHERE s.chat_session_id = t.chat_session_id AND s.agent_id = t.agent_id
                      AND s.status IN ({List(TaskStateMachine.ChatActive)}) AND s.status NOT IN ({Queued}))))
                OR (t.status IN ({Reofferable}) AND t.started_at IS NULL AND t.dispatched_at < @reoffer_before
                    AND (t.prepare_lease_expires_at IS NULL OR t.prepare_lease_expires_at < @now))
            )
        """;

    // Answers one row per locked agent (id), or one row with a null id when none was locked; every row says
    // whether any runtime's walk stopped at {scan} rows (so agents further down were not seen). The walk's length
    // and the agent count are literals, one statement text per pair (LockAgentsSql), so the statement can run on
    // its generic plan: a generic plan of a LIMIT given as a parameter assumes a long walk.
    private static string LockAgentsText(int scan, int maxAgents) => $"""
        WITH candidates AS (
            SELECT rt.id AS runtime_id, c.agent_id, c.priority, c.created_at, c.status
            FROM unnest(@runtimes) AS rt(id)
            CROSS JOIN LATERAL (
                SELECT t.agent_id, t.priority, t.created_at, t.status
                FROM agent_task_queue t
                WHERE t.runtime_id = rt.id AND {CandidateFilter}
                ORDER BY t.priority DESC, t.created_at ASC
                LIMIT {scan}
            ) c
        ),
        heads AS (
            SELECT agent_id, max(priority) AS priority, min(created_at) AS created_at,
                   bool_or(status IN ({Reofferable})) AS has_reoffer
            FROM candidates
            GROUP BY agent_id
        ),
        locked AS (
            SELECT a.id
            FROM agent a
            JOIN heads h ON h.agent_id = a.id
            WHERE h.has_reoffer
               OR (SELECT count(*) FROM agent_task_queue x WHERE x.agent_id = a.id AND x.status IN {InFlight}) < a.max_concurrent_tasks
            ORDER BY h.priority DESC, h.created_at ASC
            LIMIT {maxAgents}
            FOR NO KEY UPDATE OF a SKIP LOCKED
        ),
        walked AS (
            SELECT coalesce(bool_or(n >= {scan}), false) AS truncated
            FROM (SELECT count(*) AS n FROM candidates GROUP BY runtime_id) per_runtime
        )
        SELECT l.id, w.truncated
        FROM walked w LEFT JOIN locked l ON true
        """;

    // A re-offer keeps dispatched_at (the dispatch timeout counts from the first dispatch, so a task that is
    // never started cannot be re-offered forever) and sets a lease of one grace, which spaces re-offers apart.
    // Runs after LockAgentsSql in the same transaction, so its snapshot sees every claim committed for
    // these agents, and no other claim for them can commit until this transaction does.
    // The claimed rows' tokens are minted by the same statement: the n-th claimed row (by id) gets the n-th of
    // @hashes, one per locked agent (a claim takes at most one task per agent); the token's user is the runtime's
    // owner, and a runtime without one gets no token (minted_token_hash is null; the caller takes the task back).
    private static readonly string ClaimSql = $"""
        WITH agent_load AS (
            SELECT a.id, a.max_concurrent_tasks,
                   (SELECT count(*) FROM agent_task_queue x WHERE x.agent_id = a.id AND x.status IN {InFlight}) AS in_flight
            FROM agent a
            WHERE a.id = ANY(@agents)
        ),
        pick AS (
            SELECT p.id
            FROM agent_load al
            CROSS JOIN LATERAL (
                SELECT t.id
                FROM agent_task_queue t
                WHERE t.agent_id = al.id AND t.runtime_id = ANY(@runtimes)
                  AND {CandidateFilter}
                  AND (t.status IN ({Reofferable}) OR al.in_flight < al.max_concurrent_tasks)
                ORDER BY t.priority DESC, t.created_at ASC
                LIMIT 1
                FOR UPDATE OF t SKIP LOCKED
            ) p
        ),
        claimed AS (
            UPDATE agent_task_queue t
            SET status = {Dispatched},
                dispatched_at = CASE WHEN t.status IN ({Queued}) THEN @now ELSE t.dispatched_at END,
                prepare_lease_expires_at = CASE WHEN t.status IN ({Queued}) THEN @lease
                                                ELSE GREATEST(@lease, @now + (@now - @reoffer_before)) END
            FROM pick
            WHERE t.id = pick.id
            RETURNING t.*
        ),
        working AS (
            UPDATE agent a SET status = {Working}, updated_at = @now
            WHERE a.id IN (SELECT agent_id FROM claimed) AND a.status <> {Working}
        ),
        minted AS (
            INSERT INTO task_token (token_hash, task_id, agent_id, workspace_id, user_id, expires_at, created_at)
            SELECT h.hash, c.id, c.agent_id, r.workspace_id, r.owner_id, @expires, @now
            FROM (SELECT id, agent_id, runtime_id, row_number() OVER (ORDER BY id) AS n FROM claimed) c
            JOIN unnest(@hashes) WITH ORDINALITY AS h(hash, n) ON h.n = c.n
            JOIN agent_runtime r ON r.id = c.runtime_id
            WHERE r.owner_id IS NOT NULL
            RETURNING task_id, token_hash
        )
        SELECT c.*, m.token_hash AS minted_token_hash FROM claimed c LEFT JOIN minted m ON m.task_id = c.id
        """;

    // Each claimed task and the rows it points to are looked up one by one (LATERAL ... LIMIT 1 keeps the planner
    // from flattening them into joins): on its cached generic plan this stays primary-key lookups even when the
    // plan was made while the tables were nearly empty, where joins would hash whole-table scans (docs/benchmarks.md,
    // fifth stop).
    private static readonly string ClaimContextSql = $"""
        SELECT t.id AS task_id,
               i.workspace_id AS issue_workspace_id, wi.repos::text AS issue_repos,
               cm.content AS trigger_content, cm.author_type AS trigger_author_type,
               CASE cm.author_type WHEN 'agent' THEN ca.name WHEN 'member' THEN cu.name END AS trigger_author_name,
               ps.session_id AS prior_session_id, ps.work_dir AS prior_work_dir,
               cs.id AS chat_session_id, cs.workspace_id AS chat_workspace_id, wc.repos::text AS chat_repos,
               cs.session_id AS chat_session_pointer, cs.work_dir AS chat_work_dir_pointer,
               lc.session_id AS last_chat_session_id, lc.work_dir AS last_chat_work_dir, um.content AS chat_message,
               ar.autopilot_id, ar.source AS autopilot_source, ar.trigger_payload::text AS autopilot_trigger_payload,
               ap.id IS NOT NULL AS autopilot_found, ap.title AS autopilot_title, ap.description AS autopilot_description,
               ap.workspace_id AS autopilot_workspace_id, wa.repos::text AS autopilot_repos
        FROM (SELECT DISTINCT unnest(@ids)) AS x(id)
        CROSS JOIN LATERAL (
            SELECT q.id, q.agent_id, q.issue_id, q.trigger_comment_id, q.chat_session_id, q.autopilot_run_id
            FROM agent_task_queue q WHERE q.id = x.id LIMIT 1) t
        LEFT JOIN LATERAL (SELECT q.workspace_id FROM issue q WHERE q.id = t.issue_id LIMIT 1) i ON true
        LEFT JOIN workspace wi ON wi.id = i.workspace_id
        LEFT JOIN LATERAL (
            SELECT q.content, q.author_type, q.author_id FROM comment q WHERE q.id = t.trigger_comment_id LIMIT 1) cm ON true
        LEFT JOIN agent ca ON cm.author_type = 'agent' AND ca.id = cm.author_id
        LEFT JOIN "user" cu ON cm.author_type = 'member' AND cu.id = cm.author_id
        LEFT JOIN LATERAL (
            SELECT p.session_id, p.work_dir FROM agent_task_queue p
            WHERE t.issue_id IS NOT NULL AND p.agent_id = t.agent_id AND p.issue_id = t.issue_id
              AND p.status IN ({List(TaskStateMachine.Resumable)}) AND p.session_id IS NOT NULL
            ORDER BY COALESCE(p.completed_at, p.started_at, p.dispatched_at, p.created_at) DESC
            LIMIT 1) ps ON true
        LEFT JOIN LATERAL (
            SELECT q.id, q.workspace_id, q.session_id, q.work_dir FROM chat_session q WHERE q.id = t.chat_session_id LIMIT 1) cs ON true
        LEFT JOIN workspace wc ON wc.id = cs.workspace_id
        LEFT JOIN LATERAL (
            SELECT p.session_id, p.work_dir FROM agent_task_queue p
            WHERE cs.id IS NOT NULL AND p.chat_session_id = cs.id
              AND p.status IN ({List(TaskStateMachine.Resumable)}) AND p.session_id IS NOT NULL
            ORDER BY p.completed_at DESC NULLS LAST
            LIMIT 1) lc ON true
        LEFT JOIN LATERAL (
            SELECT m.content FROM chat_message m
            WHERE cs.id IS NOT NULL AND m.chat_session_id = cs.id AND m.role = 'user'
            ORDER BY m.created_at DESC
            LIMIT 1) um ON true
        LEFT JOIN LATERAL (
            SELECT q.autopilot_id, q.source, q.trigger_payload FROM autopilot_run q WHERE q.id = t.autopilot_run_id LIMIT 1) ar ON true
        LEFT JOIN autopilot ap ON ap.id = ar.autopilot_id
        LEFT JOIN workspace wa ON wa.id = ap.workspace_id
        """;

    // No plan here depends on a parameter's value (docs/daemon-protocol.md, "Plans"). Declared after the
    // statements: static fields initialise in order. The walk has one text per (length, agent count) pair: at
    // most two per batch size.
    private static readonly ConcurrentDictionary<(int Scan, int MaxAgents), string> LockAgentsStatements = new();
    private static string LockAgentsSql(int scan, int maxAgents) =>
        LockAgentsStatements.GetOrAdd((scan, maxAgents), k => GenericPlanInterceptor.TagLine + LockAgentsText(k.Scan, k.MaxAgents));
    private static readonly string ClaimOnGenericPlanSql = GenericPlanInterceptor.TagLine + ClaimSql;
    private static readonly string ClaimContextOnGenericPlanSql = GenericPlanInterceptor.TagLine + ClaimContextSql;

    public Task<IReadOnlyList<ClaimedTask>> ClaimAsync(ClaimRequest r, CancellationToken ct) =>
        transactions.RunAsync<IReadOnlyList<ClaimedTask>>(async token =>
        {
            // A short walk first: the agents at the head of the queue are nearly always enough. Only when it
            // locked fewer agents than wanted and stopped early is the full walk made (docs/daemon-protocol.md).
            var shortScan = Math.Min(r.ScanLimit, Math.Max(ShortScanRows, 4 * r.MaxTasks));
            var agents = await LockAgentsAsync(r, shortScan, token);
            if (agents.Ids.Count < r.MaxTasks && agents.Truncated && shortScan < r.ScanLimit)
                agents = await LockAgentsAsync(r, r.ScanLimit, token);
            if (agents.Ids.Count == 0)
                return [];

            // One token per locked agent (at most one claimed task each), by its hash; the unused ones are never stored.
            var byHash = agents.Ids.Select(_ => OpaqueTokens.New(OpaqueTokens.TaskTokenPrefix)).ToDictionary(OpaqueTokens.Hash);
            var claimed = await QueryAsync(db, ClaimOnGenericPlanSql,
                [Uuids("agents", agents.Ids), Uuids("runtimes", r.RuntimeIds), Time("now", r.Now),
                 Time("reoffer_before", r.ReofferDispatchedBefore), Time("lease", r.PrepareLeaseUntil),
                 Texts("hashes", byHash.Keys), Time("expires", r.TokenExpiresAt)],
                x => new ClaimedTask(EntityRows.Read<AgentTask>(db, x),
                    x.Get<string>("minted_token_hash") is { } hash ? byHash[hash] : null), token);

            return claimed
                .OrderByDescending(c => c.Task.Priority).ThenBy(c => c.Task.CreatedAt)
                .ToList();
        }, ct);

    /// <summary>Rows the first, short walk of a runtime's queue looks at (at least 4 per wanted task).</summary>
    public const int ShortScanRows = 16;

    private async Task<(IReadOnlyList<Guid> Ids, bool Truncated)> LockAgentsAsync(ClaimRequest r, int scan, CancellationToken ct)
    {
        var rows = await QueryAsync(db, LockAgentsSql(scan, r.MaxTasks),
            [Uuids("runtimes", r.RuntimeIds), Time("now", r.Now), Time("reoffer_before", r.ReofferDispatchedBefore)],
            x => (Id: x.IsDBNull(0) ? (Guid?)null : x.GetGuid(0), Truncated: x.GetBoolean(1)), ct);
        return (rows.Where(x => x.Id is not null).Select(x => x.Id!.Value).ToList(), rows.Count > 0 && rows[0].Truncated);
    }

    // One round trip, on generic plans (tagged): each task's context, the agents' skills and the agents' rows share
    // one command.
    public async Task<ClaimDetails> LoadClaimDetailsAsync(IReadOnlyCollection<Guid> taskIds, IReadOnlyCollection<Guid> agentIds, CancellationToken ct)
    {
        var (contexts, skills, agents) = await QueryThreeAsync(db, ClaimContextOnGenericPlanSql, AgentSkillsSql, AgentsSql,
            [Uuids("ids", taskIds), Uuids("agents", agentIds)], ReadClaimContext, ReadAgentSkillFile, x => EntityRows.Read<Agent>(db, x), ct);
        return new ClaimDetails(contexts, agents, skills);
    }

    private const string AgentsSql = "SELECT * FROM agent WHERE id = ANY(@agents)";

    private static ClaimContext ReadClaimContext(NpgsqlDataReader x) => new(
        x.GetGuid(x.GetOrdinal("task_id")),
        x.GetGuid("issue_workspace_id"), x.Get<string>("issue_repos"),
        x.Get<string>("trigger_content"), x.Get<string>("trigger_author_type"), x.Get<string>("trigger_author_name"),
        x.Get<string>("prior_session_id"), x.Get<string>("prior_work_dir"),
        x.GetGuid("chat_session_id"), x.GetGuid("chat_workspace_id"), x.Get<string>("chat_repos"),
        x.Get<string>("chat_session_pointer"), x.Get<string>("chat_work_dir_pointer"),
        x.Get<string>("last_chat_session_id"), x.Get<string>("last_chat_work_dir"), x.Get<string>("chat_message"),
        x.GetGuid("autopilot_id"), x.Get<string>("autopilot_source"), x.Get<string>("autopilot_trigger_payload"),
        x.Get<bool>("autopilot_found"), x.Get<string>("autopilot_title"), x.Get<string>("autopilot_description"),
        x.GetGuid("autopilot_workspace_id"), x.Get<string>("autopilot_repos"));

    private const string AgentSkillsSql = """
        SELECT ags.agent_id, s.id AS skill_id, s.name, s.description, s.content, f.path, f.content AS file_content
        FROM agent_skill ags
        JOIN skill s ON s.id = ags.skill_id
        LEFT JOIN skill_file f ON f.skill_id = s.id
        WHERE ags.agent_id = ANY(@agents)
        ORDER BY ags.agent_id, s.name, f.path
        """;

    private static AgentSkillFile ReadAgentSkillFile(NpgsqlDataReader x) =>
        new(x.GetGuid(0), x.GetGuid(1), x.GetString(2), x.Get<string>("description") ?? "", x.GetString(4), x.Get<string>("path"), x.Get<string>("file_content"));
}
