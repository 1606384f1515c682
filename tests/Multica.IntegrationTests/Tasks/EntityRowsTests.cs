using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Agents;
using Multica.Application.Issues;
using Multica.Application.Subscriptions;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Finishing;
using Multica.Domain.Entities;
using Multica.Infrastructure.Persistence;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Tasks;

/// <summary>
/// The hot paths read whole rows from hand-written statements by the model's column names instead of through EF Core's
/// query pipeline (docs/benchmarks.md, "EF Core's query pipeline off the hot paths"). Each such read must give back
/// exactly what EF Core reads from the stored row, every property included: the rows here have every optional column
/// the schema lets a generic value into filled, so a property read from the wrong column or left unread shows.
/// </summary>
public sealed class EntityRowsTests
{
    [Test]
    public async Task IssueAndAgentReads_MatchEfCoresReadOfTheStoredRow()
    {
        var (ws, runtime, agent, issue) = await SeedAsync();
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MulticaDbContext>();
        var issues = services.GetRequiredService<IIssueRepository>();
        var agents = services.GetRequiredService<IAgentRepository>();
        var context = services.GetRequiredService<ITaskContextRepository>();

        var found = await issues.FindAsync(ws, issue, CancellationToken.None);
        var locked = await issues.FindSharingWorkspaceLockAsync(ws, issue, CancellationToken.None);
        var foreign = await issues.FindAsync(Guid.NewGuid(), issue, CancellationToken.None);
        await DaemonSeed.ExecAsync("UPDATE issue SET first_executed_at = NULL WHERE id = @i", ("i", issue));
        var statements = services.GetRequiredService<IFinishStatements>();
        var stamp = statements.StampFirstExecuted(issue, DateTime.UtcNow);
        await statements.SendAsync(CancellationToken.None);
        var stamped = stamp.Value;
        var storedIssue = await db.Issues.AsNoTracking().SingleAsync(i => i.Id == issue);
        var posted = await PostAsync(null);
        var withAStart = await PostAsync(DateTime.UtcNow.AddMinutes(1));
        var commentedSince = await PostAsync(DateTime.UtcNow.AddMinutes(-1));

        var agentRow = await agents.FindAsync(ws, agent, CancellationToken.None);
        var reconciled = await context.ReconcileAgentStatusAsync(agent, "working", "idle", DateTime.UtcNow, CancellationToken.None);
        var storedAgent = await db.Agents.AsNoTracking().SingleAsync(a => a.Id == agent);
        var claimDetails = await services.GetRequiredService<ITaskClaimRepository>()
            .LoadClaimDetailsAsync([await DaemonSeed.TaskAsync(agent, runtime, issue)], [agent], CancellationToken.None);

        async Task<Issue?> PostAsync(DateTime? since)
        {
            var queued = statements.InsertCommentUnlessAgentCommented(FinishStatementsTests.AgentComment(ws, issue, agent), since);
            await statements.SendAsync(CancellationToken.None);
            return queued.Value;
        }

        Assert.Multiple(() =>
        {
            Assert.That(foreign, Is.Null, "an issue of another workspace is not found");
            Assert.That(stamped!.FirstExecutedAt, Is.Not.Null);
            Assert.That(storedAgent.Status, Is.EqualTo("idle"), "no task in flight: the reconcile sets the agent idle");
            AssertSameRow(found, storedIssue, "issue FindAsync", except: nameof(Issue.FirstExecutedAt));
            AssertSameRow(locked, storedIssue, "issue FindSharingWorkspaceLockAsync", except: nameof(Issue.FirstExecutedAt));
            AssertSameRow(stamped, storedIssue, "issue of the first execution stamp");
            AssertSameRow(posted, storedIssue, "issue of the fallback comment's statement, no time");
            AssertSameRow(withAStart, storedIssue, "issue of the fallback comment's statement, no comment since");
            Assert.That(commentedSince, Is.Null, "the agent commented since: nothing written, no issue");
            AssertSameRow(agentRow, storedAgent, "agent FindAsync", except: [nameof(Agent.Status), nameof(Agent.UpdatedAt)]);
            AssertSameRow(reconciled, storedAgent, "agent ReconcileAgentStatusAsync");
            Assert.That(claimDetails.Agents, Has.Count.EqualTo(1));
            AssertSameRow(claimDetails.Agents.Single(), storedAgent, "claim details' agent");
        });
    }

    [Test]
    public async Task TaskAndFollowerWrites_AnswerTheStoredRow()
    {
        var (ws, runtime, agent, issue) = await SeedAsync();
        var owner = await DaemonSeed.ScalarAsync<Guid>("SELECT creator_id FROM issue WHERE id = @i", ("i", issue));
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MulticaDbContext>();
        var tasks = services.GetRequiredService<ITaskRepository>();
        var now = DateTime.UtcNow;

        var inserted = await tasks.InsertAsync(new AgentTask
        {
            Id = Guid.NewGuid(), AgentId = agent, RuntimeId = runtime, IssueId = issue, Status = "queued", Priority = 3,
            Context = """{"k": [1, 2]}""", SessionId = "s-1", WorkDir = "/w/1", Attempt = 2, MaxAttempts = 4, CreatedAt = now,
        }, CancellationToken.None);
        var afterInsert = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == inserted!.Id);
        await DaemonSeed.ExecAsync("UPDATE agent_task_queue SET status = 'dispatched', dispatched_at = now() WHERE id = @t", ("t", inserted!.Id));
        var started = await tasks.StartAsync(inserted.Id, now, CancellationToken.None);
        var afterStart = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == inserted.Id);

        var followers = await services.GetRequiredService<ISubscriberRepository>()
            .AddAndListAsync(issue, "member", owner, "creator", now, CancellationToken.None);
        var storedFollowers = await db.IssueSubscribers.AsNoTracking().Where(s => s.IssueId == issue).ToListAsync();

        Assert.Multiple(() =>
        {
            AssertSameRow(inserted, afterInsert, "task InsertAsync");
            Assert.That(started!.Status, Is.EqualTo("running"));
            AssertSameRow(started, afterStart, "task StartAsync");
            Assert.That(followers, Has.Count.EqualTo(storedFollowers.Count).And.Count.GreaterThan(0));
            foreach (var follower in followers)
                AssertSameRow(follower, storedFollowers.Single(s => s.UserType == follower.UserType && s.UserId == follower.UserId), "follower");
        });
    }

    [Test]
    public async Task Inserts_StoreWhatEfCoresSaveChangesStores_InChunks_WithGeneratedIds()
    {
        var (ws, runtime, agent, issue) = await SeedAsync();
        var owner = await DaemonSeed.ScalarAsync<Guid>("SELECT creator_id FROM issue WHERE id = @i", ("i", issue));
        var now = new DateTime(DateTime.UtcNow.Ticks / 10 * 10, DateTimeKind.Utc); // PostgreSQL keeps microseconds
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MulticaDbContext>();

        Issue NewIssue() => new()
        {
            Id = Guid.NewGuid(), WorkspaceId = ws, Title = "t", Description = "d", Status = "todo", Priority = "high",
            AssigneeType = "agent", AssigneeId = agent, CreatorType = "member", CreatorId = owner, ParentIssueId = issue,
            AcceptanceCriteria = """["a"]""", ContextRefs = """[{"k": 1}]""", Position = 2.5, DueDate = now.AddDays(3),
            CreatedAt = now, UpdatedAt = now, FirstExecutedAt = now.AddMinutes(1),
        };
        Comment NewComment() => new()
        {
            Id = Guid.NewGuid(), IssueId = issue, WorkspaceId = ws, AuthorType = "agent", AuthorId = agent, Content = "c",
            Type = "progress_update", CreatedAt = now, UpdatedAt = now.AddSeconds(1),
        };
        // An empty id: generated on insert and set on the entity, as EF Core does.
        ActivityLog NewActivity() => new()
        {
            WorkspaceId = ws, IssueId = issue, ActorType = "agent", ActorId = agent, Action = "a", Details = """{"x": 1}""", CreatedAt = now,
        };
        InboxItem NewItem(int i) => new()
        {
            Id = Guid.NewGuid(), WorkspaceId = ws, RecipientType = "member", RecipientId = owner, Type = "mentioned",
            Severity = "attention", IssueId = issue, Title = $"i{i}", Body = "b", Read = i % 2 == 0, Archived = i % 3 == 0,
            CreatedAt = now, ActorType = "agent", ActorId = agent, Details = i % 2 == 0 ? null : """{"n": 2}""",
        };

        // The seeded issue took its number without the workspace's counter: move the counter past it.
        await DaemonSeed.ExecAsync("UPDATE workspace SET issue_counter = (SELECT max(number) FROM issue WHERE workspace_id = @w) WHERE id = @w", ("w", ws));
        AgentTask NewTask(Guid forIssue) => new()
        {
            Id = Guid.NewGuid(), AgentId = agent, RuntimeId = runtime, IssueId = forIssue, Status = "queued", Priority = 3,
            Context = """{"k": [1, 2]}""", SessionId = "s-1", WorkDir = "/w/1", Attempt = 2, MaxAttempts = 4, CreatedAt = now,
        };
        var rawIssue = NewIssue();
        // A created issue's first task goes in with it (one command).
        var rawTask = NewTask(rawIssue.Id);
        await services.GetRequiredService<IIssueRepository>().CreateAsync(rawIssue, rawTask, CancellationToken.None);
        var efIssue = NewIssue();
        efIssue.Number = rawIssue.Number + 100_000;
        var efTask = NewTask(efIssue.Id);
        var rawComment = NewComment();
        await services.GetRequiredService<ITaskContextRepository>().InsertCommentAsync(rawComment, CancellationToken.None);
        var efComment = NewComment();
        var rawActivities = Enumerable.Range(0, 3).Select(_ => NewActivity()).ToList();
        var rawItems = Enumerable.Range(0, EntityRowsChunk + 2).Select(NewItem).ToList();
        await services.GetRequiredService<Multica.Application.Notifications.IReactionRowWriter>()
            .AddAsync([], rawActivities, rawItems, CancellationToken.None);
        var efActivity = NewActivity();
        var efItems = Enumerable.Range(0, rawItems.Count).Select(NewItem).ToList();
        db.AddRange(efIssue, efTask, efComment, efActivity);
        db.AddRange(efItems);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        async Task<T> StoredAsync<T>(Guid id) where T : class =>
            await db.Set<T>().AsNoTracking().SingleAsync(e => EF.Property<Guid>(e, "Id") == id);

        var storedItems = await db.InboxItems.AsNoTracking().Where(i => i.IssueId == issue && i.Title.StartsWith("i")).ToListAsync();
        var issues = (Raw: await StoredAsync<Issue>(rawIssue.Id), Ef: await StoredAsync<Issue>(efIssue.Id));
        var comments = (Raw: await StoredAsync<Comment>(rawComment.Id), Ef: await StoredAsync<Comment>(efComment.Id));
        var tasks = (Raw: await StoredAsync<AgentTask>(rawTask.Id), Ef: await StoredAsync<AgentTask>(efTask.Id));
        var activities = new List<ActivityLog>();
        foreach (var activity in rawActivities)
            activities.Add(await StoredAsync<ActivityLog>(activity.Id));
        var efActivityStored = await StoredAsync<ActivityLog>(efActivity.Id);

        Assert.Multiple(() =>
        {
            Assert.That(rawActivities.Select(a => a.Id), Has.None.EqualTo(Guid.Empty), "ids generated and set on the entities");
            AssertSameRow(issues.Raw, issues.Ef, "issue insert", except: [nameof(Issue.Id), nameof(Issue.Number)]);
            AssertSameRow(issues.Raw, rawIssue, "issue insert: the entity's values");
            AssertSameRow(tasks.Raw, tasks.Ef, "task inserted with its issue", except: [nameof(AgentTask.Id), nameof(AgentTask.IssueId)]);
            AssertSameRow(tasks.Raw, rawTask, "task inserted with its issue: the entity's values");
            AssertSameRow(comments.Raw, comments.Ef, "comment insert", except: nameof(Comment.Id));
            foreach (var activity in activities)
                AssertSameRow(activity, efActivityStored, "activity insert", except: nameof(ActivityLog.Id));
            Assert.That(storedItems, Has.Count.EqualTo(2 * rawItems.Count), "every inbox item, across two statements, and EF Core's");
            for (var i = 0; i < rawItems.Count; i++)
                AssertSameRow(storedItems.SingleOrDefault(s => s.Id == rawItems[i].Id), storedItems.Single(s => s.Id == efItems[i].Id),
                    $"inbox item {i} insert", except: nameof(InboxItem.Id));
            Assert.That(storedItems.Single(s => s.Id == rawItems[0].Id).Details, Is.EqualTo("{}"), "a null with a SQL default gets the default");
        });
    }

    /// <summary>
    /// An insert's parameters are typed by the properties' types, also when a value is null: the same statement with a
    /// value in one call and a null in the next stays one prepared statement on the connection, planned once (with an
    /// untyped null, Npgsql ran the second call unprepared: parsed and planned again).
    /// </summary>
    [Test]
    public async Task Inserts_WithAValueOrANull_InOneColumn_RunOnOnePreparedStatement()
    {
        var (ws, _, agent, issue) = await SeedAsync();
        var owner = await DaemonSeed.ScalarAsync<Guid>("SELECT creator_id FROM issue WHERE id = @i", ("i", issue));
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
        var rows = scope.ServiceProvider.GetRequiredService<Multica.Application.Notifications.IReactionRowWriter>();
        InboxItem Item(string? body, Guid? actor) => new()
        {
            Id = Guid.NewGuid(), WorkspaceId = ws, RecipientType = "member", RecipientId = owner, Type = "mentioned",
            Severity = "attention", IssueId = issue, Title = "prepared", Body = body, CreatedAt = DateTime.UtcNow,
            ActorType = actor is null ? null : "agent", ActorId = actor,
        };

        // One physical connection; it may have run such inserts for other tests before, so count the calls' difference.
        await db.Database.OpenConnectionAsync();
        try
        {
            var before = await PreparedRunsAsync();
            await rows.AddAsync([], [], [Item("b", agent)], CancellationToken.None);
            await rows.AddAsync([], [], [Item(null, null)], CancellationToken.None);
            await rows.AddAsync([], [], [Item("b", agent)], CancellationToken.None);
            Assert.That(await PreparedRunsAsync() - before, Is.EqualTo(3), "all three calls ran a prepared statement");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        Assert.That(await DaemonSeed.ScalarAsync<long>("SELECT count(*) FROM inbox_item WHERE issue_id = @i AND title = 'prepared' AND body IS NULL",
            ("i", issue)), Is.EqualTo(1), "the null stored as null");

        async Task<long> PreparedRunsAsync() => await db.Database.SqlQueryRaw<long>("""
            SELECT COALESCE(sum(generic_plans + custom_plans), 0)::bigint AS "Value" FROM pg_prepared_statements
            WHERE strpos(statement, 'INSERT INTO "inbox_item"') > 0
            """).SingleAsync();
    }

    /// <summary>Rows per INSERT statement of the hot paths' inserts (EntityRows.RowsPerInsert).</summary>
    private const int EntityRowsChunk = 8;

    private static void AssertSameRow<T>(T? actual, T expected, string read, params string[] except) where T : class
    {
        Assert.That(actual, Is.Not.Null, read);
        if (actual is null)
            return;
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (except.Contains(property.Name))
                continue;
            Assert.That(property.GetValue(actual), Is.EqualTo(property.GetValue(expected)), $"{read}: {typeof(T).Name}.{property.Name}");
        }
    }

    /// <summary>A workspace's runtime, agent and issue, with every optional column of the agent and the issue filled.</summary>
    private static async Task<(Guid Workspace, Guid Runtime, Guid Agent, Guid Issue)> SeedAsync()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var runtime = await DaemonSeed.RuntimeAsync(ws.Id, owner.Id);
        var agent = await DaemonSeed.AgentAsync(ws.Id, runtime, owner.Id);
        var issue = await DaemonSeed.IssueAsync(ws.Id, owner.Id);
        await FillOptionalColumnsAsync("agent", agent);
        await FillOptionalColumnsAsync("issue", issue);
        return (ws.Id, runtime, agent, issue);
    }

    /// <summary>
    /// Sets each NULL column of the row to a value of its type, one column at a time; a value the schema refuses (a
    /// check constraint, a foreign key) leaves that column NULL.
    /// </summary>
    private static async Task FillOptionalColumnsAsync(string table, Guid id)
    {
        await DaemonSeed.ExecAsync($$"""
            DO $$
            DECLARE c record; v text;
            BEGIN
              FOR c IN SELECT column_name, data_type, udt_name FROM information_schema.columns
                       WHERE table_name = '{{table}}' AND is_nullable = 'YES' LOOP
                v := CASE
                  WHEN c.data_type = 'text' THEN quote_literal('x-' || c.column_name)
                  WHEN c.data_type = 'jsonb' THEN '''{"k": 1}'''
                  WHEN c.data_type LIKE 'timestamp%' THEN 'now() - interval ''1 day'''
                  WHEN c.data_type IN ('integer', 'bigint', 'smallint') THEN '7'
                  WHEN c.data_type = 'double precision' THEN '7.5'
                  WHEN c.data_type = 'boolean' THEN 'true'
                  WHEN c.data_type = 'ARRAY' AND c.udt_name = '_text' THEN '''{a,b}'''
                  ELSE NULL END;
                CONTINUE WHEN v IS NULL;
                BEGIN
                  EXECUTE format('UPDATE {{table}} SET %I = %s WHERE id = %L AND %I IS NULL', c.column_name, v, '{{id}}', c.column_name);
                EXCEPTION WHEN others THEN NULL;
                END;
              END LOOP;
            END $$
            """);
    }
}
