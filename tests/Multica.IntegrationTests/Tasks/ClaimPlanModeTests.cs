using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Common.Interfaces;
using Multica.Application.Notifications;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Finishing;
using Multica.Domain.Entities;
using Multica.Infrastructure.Persistence;
using Multica.IntegrationTests.Support;
using Npgsql;
using NUnit.Framework;

namespace Multica.IntegrationTests.Tasks;

/// <summary>
/// Tagged statements run on generic plans, every other statement on the session's own (custom) plans
/// (docs/daemon-protocol.md, "Plans"). Inside a transaction the tag's setting is transaction-local: it holds for the
/// rest of it and is gone once it ends. Outside one, the session is left on generic plans after a tagged statement,
/// and the next statement that needs its own mode resets it in its command (GenericPlanInterceptor,
/// SessionPlanModes). <see cref="PlanModeAsync"/> reads the setting with an untagged statement (what such a statement
/// runs under); <see cref="SessionModeAsync"/> reads it past the interceptor (what the session was left in).
/// </summary>
public sealed class ClaimPlanModeTests
{
    [Test]
    public async Task ClaimAndClaimDetails_UseGenericPlans_AndTheNextUntaggedStatementRunsOnCustomPlans()
    {
        var (_, runtime, agent, task) = await QueuedTaskAsync();

        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
        var claims = scope.ServiceProvider.GetRequiredService<ITaskClaimRepository>();
        var transactions = scope.ServiceProvider.GetRequiredService<ITransactionRunner>();
        var now = DateTime.UtcNow;
        var request = new ClaimRequest([runtime], 1, now, now.AddMinutes(-1), now.AddMinutes(1), now.AddHours(1), 16);

        // One physical connection for the whole test, so "after" reads the very session the claim used.
        await db.Database.OpenConnectionAsync();
        try
        {
            var before = await PlanModeAsync(db);
            var inside = await transactions.RunAsync(async token =>
            {
                var claimed = await claims.ClaimAsync(request, token);
                Assert.That(claimed.Select(c => c.Task.Id), Is.EqualTo(new[] { task }), "the queued task is dispatched");
                return await PlanModeAsync(db);
            }, CancellationToken.None);
            var afterClaim = await SessionModeAsync(db);
            var details = await claims.LoadClaimDetailsAsync([task], [agent], CancellationToken.None);
            var afterDetails = await SessionModeAsync(db);
            var untaggedAfter = await PlanModeAsync(db);

            Assert.Multiple(() =>
            {
                Assert.That(before, Is.EqualTo("force_custom_plan"), "a pooled session's own setting");
                Assert.That(inside, Is.EqualTo("force_generic_plan"), "inside the claim's transaction");
                Assert.That(afterClaim, Is.EqualTo("force_custom_plan"), "after the claim's transaction");
                Assert.That(details.Contexts.Select(c => c.TaskId), Is.EqualTo(new[] { task }));
                Assert.That(afterDetails, Is.EqualTo("force_generic_plan"), "the claim details' tagged reads leave the session on generic plans");
                Assert.That(untaggedAfter, Is.EqualTo("force_custom_plan"), "an untagged statement after them runs on custom plans");
            });
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A workspace with a runtime, an agent and one queued issue task.</summary>
    private static async Task<(Guid Workspace, Guid Runtime, Guid Agent, Guid Task)> QueuedTaskAsync()
    {
        var (ws, owner, runtime, agent) = await DaemonSeed.WorkspaceWithAgentAsync();
        var issue = await DaemonSeed.IssueAsync(ws, owner, "todo");
        return (ws, runtime, agent, await DaemonSeed.TaskAsync(agent, runtime, issue, "queued"));
    }

    [Test]
    public async Task Sessions_StartWithoutJit()
    {
        // The cluster's own default is on: the session's "off" comes from the options of the connection string every
        // connection of the server is opened with (Database:DisableJit).
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            var session = await SettingAsync((NpgsqlConnection)db.Database.GetDbConnection(), "jit");
            var withoutOptions = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Options = null };
            await using var plain = new NpgsqlConnection(withoutOptions.ConnectionString);
            await plain.OpenAsync();
            var clusterDefault = await SettingAsync(plain, "jit");

            Assert.Multiple(() =>
            {
                Assert.That(session, Is.EqualTo("off"));
                Assert.That(clusterDefault, Is.EqualTo("on"), "a session without the server's options");
            });
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<string> SettingAsync(NpgsqlConnection connection, string name)
    {
        await using var command = new NpgsqlCommand($"SELECT current_setting('{name}')", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> PlanModeAsync(MulticaDbContext db) =>
        await db.Database.SqlQueryRaw<string>("SELECT current_setting('plan_cache_mode') AS \"Value\"").SingleAsync();

    /// <summary>The session's setting, read on the context's open connection without the interceptor.</summary>
    private static Task<string> SessionModeAsync(MulticaDbContext db) =>
        SettingAsync((NpgsqlConnection)db.Database.GetDbConnection(), "plan_cache_mode");

    /// <summary>
    /// Runs <paramref name="query"/> inside an outer transaction, then alone, on one physical connection: the plan
    /// mode inside that transaction (a tagged command's setting holds for the rest of it: proof that the tag
    /// survived and the interceptor ran) and the session's mode after the query ran alone.
    /// </summary>
    private static async Task<(string Inside, string After)> PlanModesAroundAsync(IServiceScope scope, Func<CancellationToken, Task> query)
    {
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
        var transactions = scope.ServiceProvider.GetRequiredService<ITransactionRunner>();
        await db.Database.OpenConnectionAsync();
        try
        {
            var inside = await transactions.RunAsync(async token =>
            {
                await query(token);
                return await PlanModeAsync(db);
            }, CancellationToken.None);
            await query(CancellationToken.None);
            return (inside, await PlanModeAsync(db));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void AssertGenericInsideOnly((string Inside, string After) modes) => Assert.Multiple(() =>
    {
        Assert.That(modes.Inside, Is.EqualTo("force_generic_plan"));
        Assert.That(modes.After, Is.EqualTo("force_custom_plan"), "an untagged statement after the query runs on the session's own plans");
    });

    [Test]
    public async Task TaskAccessQuery_RunsOnItsGenericPlan_AndUntaggedStatementsAfterItRunOnCustomPlans()
    {
        var (workspace, _, _, task) = await QueuedTaskAsync();
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var access = scope.ServiceProvider.GetRequiredService<IAccessRepository>();
        var found = new List<Guid?>();

        AssertGenericInsideOnly(await PlanModesAroundAsync(scope, async token =>
            found.Add((await access.FindTaskWithWorkspaceAsync(task, token))?.WorkspaceId)));
        Assert.That(found, Is.EqualTo(new Guid?[] { workspace, workspace }));
    }

    [Test]
    public async Task RuntimeLookup_RunsOnItsGenericPlan_AndUntaggedStatementsAfterItRunOnCustomPlans()
    {
        var (workspace, runtime, _, _) = await QueuedTaskAsync();
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var access = scope.ServiceProvider.GetRequiredService<IAccessRepository>();
        var found = new List<Guid?>();

        AssertGenericInsideOnly(await PlanModesAroundAsync(scope, async token =>
            found.Add((await access.FindRuntimeAsync(runtime, token))?.WorkspaceId)));
        Assert.That(found, Is.EqualTo(new Guid?[] { workspace, workspace }));
    }

    [Test]
    public async Task PendingProbe_RunsOnItsGenericPlan_AndUntaggedStatementsAfterItRunOnCustomPlans()
    {
        var (_, runtime, _, _) = await QueuedTaskAsync();
        var idle = Guid.NewGuid();
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var tasks = scope.ServiceProvider.GetRequiredService<ITaskRepository>();
        var answers = new List<IReadOnlySet<Guid>>();

        AssertGenericInsideOnly(await PlanModesAroundAsync(scope, async token =>
            answers.Add(await tasks.RuntimesWithPendingAsync([runtime, idle], token))));
        Assert.That(answers.Select(a => a.ToArray()), Is.EqualTo(new[] { new[] { runtime }, new[] { runtime } }),
            "the runtime with a queued task, not the one without");
    }

    [Test]
    public async Task FinishingTransition_RunsOnItsGenericPlan_AndUntaggedStatementsAfterItRunOnCustomPlans()
    {
        var (_, _, _, task) = await QueuedTaskAsync();
        await DaemonSeed.ExecAsync("UPDATE agent_task_queue SET status = 'running', started_at = now() WHERE id = @t", ("t", task));
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var tasks = scope.ServiceProvider.GetRequiredService<ITaskRepository>();
        var answers = new List<string?>();

        AssertGenericInsideOnly(await PlanModesAroundAsync(scope, async token =>
            answers.Add((await tasks.CompleteAsync(task, new TaskCompletion("{}", null, null, null, null), DateTime.UtcNow, token))?.Task.Status)));
        Assert.That(answers, Is.EqualTo(new string?[] { "completed", null }), "completed once; the second call finds it finished");
    }

    [Test]
    public async Task TokenDeletion_RunsOnItsGenericPlan_AndUntaggedStatementsAfterItRunOnCustomPlans()
    {
        var (_, _, _, task) = await QueuedTaskAsync();
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var tasks = scope.ServiceProvider.GetRequiredService<ITaskRepository>();
        var deleted = new List<int>();

        AssertGenericInsideOnly(await PlanModesAroundAsync(scope, async token =>
            deleted.Add((await tasks.DeleteTaskTokensAsync([task], token)).Count)));
        Assert.That(deleted, Is.EqualTo(new[] { 0, 0 }), "a task without tokens");
    }

    [Test]
    public async Task AgentReconcile_RunsOnItsGenericPlan_AndUntaggedStatementsAfterItRunOnCustomPlans()
    {
        var (_, _, agent, _) = await QueuedTaskAsync();
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<ITaskContextRepository>();
        var statuses = new List<string?>();

        AssertGenericInsideOnly(await PlanModesAroundAsync(scope, async token =>
            statuses.Add((await context.ReconcileAgentStatusAsync(agent, "working", "idle", DateTime.UtcNow, token))?.Status)));
        Assert.That(statuses, Is.EqualTo(new[] { "idle", "idle" }), "a queued task is not in flight");
    }

    /// <summary>
    /// Runs <paramref name="query"/> alone (no transaction) on one physical connection, first often enough for
    /// automatic preparation, then twice more: how many generic and custom plans those two calls added to the
    /// prepared statement whose text contains <paramref name="fragment"/>, and the session's mode afterwards.
    /// </summary>
    private static async Task<(long Generic, long Custom, string After)> PlansAloneAsync(IServiceScope scope, string fragment,
        Func<CancellationToken, Task> query)
    {
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            for (var i = 0; i < 6; i++)
                await query(CancellationToken.None);
            var before = await CountsAsync();
            await query(CancellationToken.None);
            await query(CancellationToken.None);
            var after = await CountsAsync();
            return (after.Generic - before.Generic, after.Custom - before.Custom, await PlanModeAsync(db));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        async Task<(long Generic, long Custom)> CountsAsync()
        {
            var rows = await db.Database.SqlQueryRaw<PlanCounts>("""
                SELECT COALESCE(sum(generic_plans), 0)::bigint AS "Generic", COALESCE(sum(custom_plans), 0)::bigint AS "Custom"
                FROM pg_prepared_statements WHERE statement LIKE '-- generic plan%' AND strpos(statement, {0}) > 0
                """, fragment).ToListAsync();
            return (rows[0].Generic, rows[0].Custom);
        }
    }

    private sealed record PlanCounts(long Generic, long Custom);

    private static void AssertGenericAlone((long Generic, long Custom, string After) plans, string what) => Assert.Multiple(() =>
    {
        Assert.That(plans.Generic, Is.EqualTo(2), $"{what}: both calls on the generic plan");
        Assert.That(plans.Custom, Is.EqualTo(0), $"{what}: no custom plan");
        Assert.That(plans.After, Is.EqualTo("force_custom_plan"), $"{what}: an untagged statement after it runs on custom plans");
    });

    [Test]
    public async Task TaggedStatements_OutsideATransaction_RunOnTheirGenericPlan_AndUntaggedStatementsAfterThemRunOnCustomPlans()
    {
        var (_, runtime, agent, task) = await QueuedTaskAsync();
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var tasks = scope.ServiceProvider.GetRequiredService<ITaskRepository>();
        var access = scope.ServiceProvider.GetRequiredService<IAccessRepository>();
        var context = scope.ServiceProvider.GetRequiredService<ITaskContextRepository>();

        AssertGenericAlone(await PlansAloneAsync(scope, "FROM unnest(", token => tasks.RuntimesWithPendingAsync([runtime], token)),
            "pending probe (hand-written)");
        AssertGenericAlone(await PlansAloneAsync(scope, "FROM agent_task_queue", token => access.FindTaskWithWorkspaceAsync(task, token)),
            "task access (compiled EF Core query)");
        AssertGenericAlone(await PlansAloneAsync(scope, "WITH target AS", token =>
            context.ReconcileAgentStatusAsync(agent, "working", "idle", DateTime.UtcNow, token)), "agent reconcile (EF Core FromSql)");
    }

    [Test]
    public async Task AFinishedTasksRoundTrip_RunsEachStatementOnItsGenericPlan()
    {
        var (ws, owner, _, agent) = await DaemonSeed.WorkspaceWithAgentAsync();
        var issue = await DaemonSeed.IssueAsync(ws, owner, "todo");
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var statements = scope.ServiceProvider.GetRequiredService<IFinishStatements>();
        Task RoundTripAsync(CancellationToken token)
        {
            statements.InsertCommentUnlessAgentCommented(new Comment
            {
                Id = Guid.NewGuid(), IssueId = issue, WorkspaceId = ws, AuthorType = "agent", AuthorId = agent, Content = "done",
                Type = "comment", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            }, DateTime.UtcNow);
            statements.ReconcileAgentStatus(agent, "working", "idle", DateTime.UtcNow);
            statements.InsertActivity(new ActivityLog
            {
                Id = Guid.NewGuid(), WorkspaceId = ws, IssueId = issue, ActorType = "agent", ActorId = agent,
                Action = "task_completed", CreatedAt = DateTime.UtcNow,
            });
            statements.StampFirstExecuted(issue, DateTime.UtcNow);
            return statements.SendAsync(token);
        }

        AssertGenericAlone(await PlansAloneAsync(scope, "posted AS", RoundTripAsync), "fallback comment");
        AssertGenericAlone(await PlansAloneAsync(scope, "WITH target AS (\n    SELECT CASE", RoundTripAsync), "agent reconcile");
        AssertGenericAlone(await PlansAloneAsync(scope, "INSERT INTO \"activity_log\"", RoundTripAsync), "activity entry");
        AssertGenericAlone(await PlansAloneAsync(scope, "SET first_executed_at", RoundTripAsync), "first execution stamp");
    }

    /// <summary>
    /// Row inserts outside a transaction run on their generic plans, and so do the foreign-key checks PostgreSQL fires
    /// for them: those checks are planned under the session's setting, and with custom plans they were a tenth of
    /// PostgreSQL's CPU in issue creation (docs/benchmarks.md, thirteenth stop). The checks' plans are internal to
    /// PostgreSQL; the inserts' own prepared statements show the setting they ran under.
    /// </summary>
    [Test]
    public async Task RowInserts_RunOnTheirGenericPlanOutsideATransaction_AndInsideOneLeaveItsSettingAlone()
    {
        var (ws, owner, runtime, agent) = await DaemonSeed.WorkspaceWithAgentAsync();
        var issue = await DaemonSeed.IssueAsync(ws, owner, "todo");
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var tasks = scope.ServiceProvider.GetRequiredService<ITaskRepository>();
        var rows = scope.ServiceProvider.GetRequiredService<IReactionRowWriter>();
        var inserted = new List<Guid?>();
        Task InsertEntryAsync(CancellationToken token) => rows.AddAsync([], [new ActivityLog
        {
            Id = Guid.NewGuid(), WorkspaceId = ws, IssueId = issue, ActorType = "member", ActorId = owner,
            Action = "plan_mode_test", CreatedAt = DateTime.UtcNow,
        }], [], token);

        AssertGenericAlone(await PlansAloneAsync(scope, "INSERT INTO \"activity_log\"", InsertEntryAsync), "activity entry (an entity's rows)");
        AssertGenericAlone(await PlansAloneAsync(scope, "INSERT INTO agent_task_queue", async token => inserted.Add((await tasks.InsertAsync(
            new AgentTask { Id = Guid.NewGuid(), AgentId = agent, RuntimeId = runtime, IssueId = issue, Status = "queued", CreatedAt = DateTime.UtcNow },
            token))?.Id)), "task enqueue");
        Assert.That(inserted.Count(id => id is not null), Is.EqualTo(1), "one pending task per issue and agent: the later inserts do nothing");

        // Inside a transaction an insert is not tagged: the rest of the transaction keeps the plans it had.
        var modes = await PlanModesAroundAsync(scope, InsertEntryAsync);
        var stored = await DaemonSeed.ScalarAsync<long>("SELECT count(*) FROM activity_log WHERE action = 'plan_mode_test' AND issue_id = @i",
            ("i", issue));
        Assert.Multiple(() =>
        {
            Assert.That(modes.Inside, Is.EqualTo("force_custom_plan"), "an insert leaves its transaction's setting alone");
            Assert.That(modes.After, Is.EqualTo("force_custom_plan"));
            Assert.That(stored, Is.EqualTo(10), "every activity insert stored its row");
        });
    }

    [Test]
    public async Task AFailingTaggedStatement_OutsideATransaction_RollsItsSettingBack_AndItsSessionIsNoLongerKnown()
    {
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
        var tasks = scope.ServiceProvider.GetRequiredService<ITaskRepository>();
        await OnOneSessionAsync(db, async () =>
        {
            // The session on its own mode first, so the failing statement's command carries the SET.
            await PlanModeAsync(db);
            // A task that does not exist: the message insert fails its foreign key, after the SET in its command ran.
            var stored = await tasks.InsertMessagesAsync(Guid.NewGuid(), [new NewTaskMessage(1, "text", null, "hi", null, null)],
                DateTime.UtcNow, CancellationToken.None);
            var known = SessionPlanModes.Of(db.Database.GetDbConnection()).Mode;
            var session = await SessionModeAsync(db);
            Assert.Multiple(() =>
            {
                Assert.That(stored, Is.Null, "nothing stored for a missing task");
                Assert.That(session, Is.EqualTo("force_custom_plan"), "the failed command's SET was rolled back");
                Assert.That(known, Is.Null, "the session's mode is no longer taken for known");
            });
        });
    }

    [Test]
    public async Task TaggedStatements_LeaveTheSessionOnGenericPlans_UntilAnUntaggedStatementResetsIt()
    {
        var (workspace, _, _, task) = await QueuedTaskAsync();
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
        var access = scope.ServiceProvider.GetRequiredService<IAccessRepository>();
        await OnOneSessionAsync(db, async () =>
        {
            var found = (await access.FindTaskWithWorkspaceAsync(task, CancellationToken.None))?.WorkspaceId;
            var afterFirst = await SessionModeAsync(db);
            var again = (await access.FindTaskWithWorkspaceAsync(task, CancellationToken.None))?.WorkspaceId;
            var remembered = SessionPlanModes.Of(db.Database.GetDbConnection()).Mode;
            var untagged = await PlanModeAsync(db);
            var afterUntagged = await SessionModeAsync(db);
            Assert.Multiple(() =>
            {
                Assert.That(new[] { found, again }, Is.EqualTo(new Guid?[] { workspace, workspace }));
                Assert.That(afterFirst, Is.EqualTo("force_generic_plan"), "a tagged statement leaves the session on generic plans");
                Assert.That(remembered, Is.EqualTo(PlanMode.Generic), "and the session is remembered so");
                Assert.That(untagged, Is.EqualTo("force_custom_plan"), "an untagged statement runs on the session's own plans");
                Assert.That(afterUntagged, Is.EqualTo("force_custom_plan"), "and leaves the session on them");
            });
        });
    }

    [Test]
    public async Task ATransaction_OnASessionLeftOnGenericPlans_RunsItsUntaggedStatementsOnCustomPlans_AndARollbackForgetsTheSession()
    {
        var (_, _, _, task) = await QueuedTaskAsync();
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
        var access = scope.ServiceProvider.GetRequiredService<IAccessRepository>();
        var transactions = scope.ServiceProvider.GetRequiredService<ITransactionRunner>();
        await OnOneSessionAsync(db, async () =>
        {
            await access.FindTaskWithWorkspaceAsync(task, CancellationToken.None);
            var inCommitted = await transactions.RunAsync(_ => PlanModeAsync(db), CancellationToken.None);
            var afterCommit = await SessionModeAsync(db);

            await access.FindTaskWithWorkspaceAsync(task, CancellationToken.None);
            string? inRolledBack = null;
            Assert.ThrowsAsync<InvalidOperationException>(() => transactions.RunAsync<int>(async _ =>
            {
                inRolledBack = await PlanModeAsync(db);
                throw new InvalidOperationException("roll back");
            }, CancellationToken.None));
            var afterRollback = await SessionModeAsync(db);
            var known = SessionPlanModes.Of(db.Database.GetDbConnection()).Mode;
            var next = await PlanModeAsync(db);

            Assert.Multiple(() =>
            {
                Assert.That(inCommitted, Is.EqualTo("force_custom_plan"), "the transaction's first command reset the session");
                Assert.That(afterCommit, Is.EqualTo("force_custom_plan"), "the reset committed with it");
                Assert.That(inRolledBack, Is.EqualTo("force_custom_plan"));
                Assert.That(afterRollback, Is.EqualTo("force_generic_plan"), "the rollback took the reset back");
                Assert.That(known, Is.Null, "so the session's mode is no longer taken for known");
                Assert.That(next, Is.EqualTo("force_custom_plan"), "the next untagged statement resets it again");
            });
        });
    }

    [Test]
    public async Task SaveChanges_OnASessionLeftOnGenericPlans_StoresItsRows_AndLeavesTheSessionAsItWas()
    {
        var (ws, owner, _, _) = await DaemonSeed.WorkspaceWithAgentAsync();
        var issue = await DaemonSeed.IssueAsync(ws, owner, "todo");
        var (_, _, _, task) = await QueuedTaskAsync();
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
        var access = scope.ServiceProvider.GetRequiredService<IAccessRepository>();
        await OnOneSessionAsync(db, async () =>
        {
            await access.FindTaskWithWorkspaceAsync(task, CancellationToken.None);
            // Two rows in one SaveChanges batch: the provider checks each statement's row count by its position.
            foreach (var action in new[] { "plan_mode_save_1", "plan_mode_save_2" })
                db.ActivityLogs.Add(new ActivityLog
                {
                    Id = Guid.NewGuid(), WorkspaceId = ws, IssueId = issue, ActorType = "member", ActorId = owner,
                    Action = action, CreatedAt = DateTime.UtcNow,
                });
            await db.SaveChangesAsync();
            var session = await SessionModeAsync(db);
            var stored = await DaemonSeed.ScalarAsync<long>(
                "SELECT count(*) FROM activity_log WHERE issue_id = @i AND action LIKE 'plan_mode_save_%'", ("i", issue));
            Assert.Multiple(() =>
            {
                Assert.That(stored, Is.EqualTo(2), "both rows stored");
                Assert.That(session, Is.EqualTo("force_generic_plan"), "a SaveChanges batch is sent as it is");
            });
        });
    }

    /// <summary>Runs <paramref name="body"/> with the context's connection held open: one pooled session throughout.</summary>
    private static async Task OnOneSessionAsync(MulticaDbContext db, Func<Task> body)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await body();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
