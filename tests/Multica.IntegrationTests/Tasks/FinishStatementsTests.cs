using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Common.Interfaces;
using Multica.Application.Tasks.Finishing;
using Multica.Domain.Entities;
using Multica.IntegrationTests.DaemonProtocol;
using Multica.IntegrationTests.Support;
using Npgsql;
using NUnit.Framework;

namespace Multica.IntegrationTests.Tasks;

/// <summary>
/// A finished task's round trip (docs/task-state-machine.md, "Finish pipeline"): the fallback comment's rule in its one
/// statement (written unless the task's agent has commented on the issue since the run started), and statements that
/// stand alone: one that fails rolls back only itself.
/// </summary>
public sealed class FinishStatementsTests
{
    private static readonly DateTime Started = DateTime.UtcNow.AddMinutes(-10);

    private static async Task<(Guid Workspace, Guid Agent, Guid OtherAgent, Guid Issue)> IssueAsync()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var runtime = await DaemonSeed.RuntimeAsync(ws.Id, owner.Id);
        return (ws.Id, await DaemonSeed.AgentAsync(ws.Id, runtime, owner.Id), await DaemonSeed.AgentAsync(ws.Id, runtime, owner.Id),
            await DaemonSeed.IssueAsync(ws.Id, owner.Id));
    }

    internal static Comment AgentComment(Guid workspace, Guid issue, Guid agent, string content = "the agent's output") => new()
    {
        Id = Guid.NewGuid(), IssueId = issue, WorkspaceId = workspace, AuthorType = "agent", AuthorId = agent, Content = content,
        Type = "comment", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
    };

    private static ActivityLog Entry(Guid workspace, Guid issue, Guid agent) => new()
    {
        Id = Guid.NewGuid(), WorkspaceId = workspace, IssueId = issue, ActorType = "agent", ActorId = agent,
        Action = "task_completed", CreatedAt = DateTime.UtcNow,
    };

    /// <summary>The fallback comment's statement alone: the issue it answers (null: not written), and whether the comment is stored.</summary>
    internal static async Task<(Guid? Issue, bool Stored)> PostAsync(Guid workspace, Guid issue, Guid agent, DateTime? since)
    {
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var statements = scope.ServiceProvider.GetRequiredService<IFinishStatements>();
        var comment = AgentComment(workspace, issue, agent);
        var posted = statements.InsertCommentUnlessAgentCommented(comment, since);
        await statements.SendAsync(CancellationToken.None);
        Assert.That(posted.State, Is.EqualTo(QueuedState.Answered), "the statement ran");
        var stored = await DaemonSeed.ScalarAsync<long>("SELECT count(*) FROM comment WHERE id = @c", ("c", comment.Id));
        return (posted.Value?.Id, stored == 1);
    }

    [Test]
    public async Task WithoutAComment_OrWithOnlyOlderOrOtherAuthorsComments_TheCommentIsWritten()
    {
        var (workspace, agent, other, issue) = await IssueAsync();
        Assert.That(await PostAsync(workspace, issue, agent, Started), Is.EqualTo(((Guid?)issue, true)), "no comment at all");

        var (_, agent2, _, issue2) = await IssueAsync();
        await DaemonTestData.CommentAsync(issue2, workspace, "agent", agent2, "before the run", createdAt: Started.AddMinutes(-1));
        await DaemonTestData.CommentAsync(issue2, workspace, "agent", other, "another agent", createdAt: Started.AddMinutes(1));
        Assert.That(await PostAsync(workspace, issue2, agent2, Started), Is.EqualTo(((Guid?)issue2, true)),
            "only an older comment and another agent's");
    }

    [Test]
    public async Task TheAgentsCommentSinceTheStart_MeansNothingToAdd_UnlessTheRunHasNoStart()
    {
        var (workspace, agent, _, issue) = await IssueAsync();
        await DaemonTestData.CommentAsync(issue, workspace, "agent", agent, "done", createdAt: Started.AddMinutes(1));

        var duringTheRun = await PostAsync(workspace, issue, agent, Started);
        var withoutAStart = await PostAsync(workspace, issue, agent, null);
        var missingIssue = await PostAsync(workspace, Guid.NewGuid(), agent, null);
        Assert.Multiple(() =>
        {
            Assert.That(duringTheRun, Is.EqualTo(((Guid?)null, false)), "commented during the run");
            Assert.That(withoutAStart, Is.EqualTo(((Guid?)issue, true)), "a run without a start time");
            Assert.That(missingIssue, Is.EqualTo(((Guid?)null, false)), "an issue that does not exist");
        });
    }

    [Test]
    public async Task AFailingStatement_RollsBackOnlyItself_TheOthersAreWritten_AndTheConnectionServesTheNextRoundTrip()
    {
        var (workspace, agent, _, issue) = await IssueAsync();
        await DaemonSeed.ExecAsync("UPDATE issue SET first_executed_at = NULL WHERE id = @i", ("i", issue));
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var statements = scope.ServiceProvider.GetRequiredService<IFinishStatements>();
        var comment = AgentComment(workspace, issue, agent);

        var reconciled = statements.ReconcileAgentStatus(agent, "working", "idle", DateTime.UtcNow);
        // An entry for an issue that does not exist: its foreign key fails this statement alone.
        var broken = statements.InsertActivity(Entry(workspace, Guid.NewGuid(), agent));
        var stamped = statements.StampFirstExecuted(issue, DateTime.UtcNow);
        var posted = statements.InsertCommentUnlessAgentCommented(comment, Started);
        var entry = Entry(workspace, issue, agent);
        var written = statements.InsertActivity(entry);
        await statements.SendAsync(CancellationToken.None);

        var stampedAt = await DaemonSeed.ScalarAsync<DateTime?>("SELECT first_executed_at FROM issue WHERE id = @i", ("i", issue));
        var comments = await DaemonSeed.ScalarAsync<long>("SELECT count(*) FROM comment WHERE id = @c", ("c", comment.Id));
        var entries = await DaemonSeed.ScalarAsync<long>("SELECT count(*) FROM activity_log WHERE id = @e", ("e", entry.Id));

        var again = statements.StampFirstExecuted(issue, DateTime.UtcNow);
        await statements.SendAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(reconciled.State, Is.EqualTo(QueuedState.Answered), "read before the failure");
            Assert.That(reconciled.Value?.Id, Is.EqualTo(agent));
            Assert.That(broken.State, Is.EqualTo(QueuedState.Failed));
            Assert.That(stamped.State, Is.EqualTo(QueuedState.Unknown), "after the failure its answer is discarded");
            Assert.That(stampedAt, Is.Not.Null, "but it was written");
            Assert.That(posted.State, Is.EqualTo(QueuedState.Unknown));
            Assert.That(comments, Is.EqualTo(1), "the comment after the failure was written");
            Assert.That(written.State, Is.EqualTo(QueuedState.Unknown));
            Assert.That(entries, Is.EqualTo(1), "the activity entry after the failure was written");
            Assert.That(again.State, Is.EqualTo(QueuedState.Answered), "the next round trip on the same connection runs");
            Assert.That(again.Value, Is.Null, "stamped already");
        });
    }

    [Test]
    public async Task InsideACallersTransaction_TheStatementsRunOnIt_AndAFailureEndsTheRoundTripThere()
    {
        var (workspace, agent, _, issue) = await IssueAsync();
        await DaemonSeed.ExecAsync("UPDATE issue SET first_executed_at = NULL WHERE id = @i", ("i", issue));
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var statements = scope.ServiceProvider.GetRequiredService<IFinishStatements>();
        var transactions = scope.ServiceProvider.GetRequiredService<ITransactionRunner>();

        var (reconciled, stamped) = await transactions.RunAsync(async token =>
        {
            var reconcile = statements.ReconcileAgentStatus(agent, "working", "idle", DateTime.UtcNow);
            var stamp = statements.StampFirstExecuted(issue, DateTime.UtcNow);
            await statements.SendAsync(token);
            return (reconcile, stamp);
        }, CancellationToken.None);
        var stampedAt = await DaemonSeed.ScalarAsync<DateTime?>("SELECT first_executed_at FROM issue WHERE id = @i", ("i", issue));

        Queued<bool>? broken = null;
        Queued<Issue?>? after = null;
        // The failed statement failed the caller's transaction: PostgreSQL rolls it back at its end.
        var rolledBack = transactions.RunAsync(async token =>
        {
            broken = statements.InsertActivity(Entry(workspace, Guid.NewGuid(), agent));
            after = statements.StampFirstExecuted(issue, DateTime.UtcNow);
            await statements.SendAsync(token);
            return true;
        }, CancellationToken.None);
        try
        {
            await rolledBack;
        }
        catch (PostgresException)
        {
        }

        Assert.Multiple(() =>
        {
            Assert.That(reconciled.State, Is.EqualTo(QueuedState.Answered));
            Assert.That(reconciled.Value?.Id, Is.EqualTo(agent));
            Assert.That(stamped.State, Is.EqualTo(QueuedState.Answered));
            Assert.That(stamped.Value?.Id, Is.EqualTo(issue));
            Assert.That(stampedAt, Is.Not.Null, "committed with the transaction");
            Assert.That(broken!.State, Is.EqualTo(QueuedState.Failed));
            Assert.That(after!.State, Is.EqualTo(QueuedState.Unknown), "not run: the transaction had failed");
        });
    }
}
