using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Tasks;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Domain.Tasks;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Tasks;

/// <summary>
/// A daemon's complete / fail report is one statement: the guarded update, the deletion of the task's tokens and a
/// chat's resume pointer. Its task row is read by the model's column names, so it must come back exactly as EF Core
/// reads the stored row, every property included.
/// </summary>
public sealed class FinishRunTests
{
    [Test]
    public async Task Complete_ReturnsTheStoredRow_DeletesTheTokens_AndMovesTheChatsPointer()
    {
        var (owner, runtime, agent, chat, task) = await RunningChatTaskAsync();
        await DaemonSeed.ExecAsync("""
            INSERT INTO task_token (token_hash, task_id, agent_id, workspace_id, user_id, expires_at)
            SELECT h, t.id, t.agent_id, r.workspace_id, @u, now() + interval '1 hour'
            FROM agent_task_queue t JOIN agent_runtime r ON r.id = t.runtime_id, unnest(ARRAY['finish-a', 'finish-b']) AS h
            WHERE t.id = @t
            """, ("t", task), ("u", owner));

        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var tasks = scope.ServiceProvider.GetRequiredService<ITaskRepository>();
        var now = DateTime.UtcNow;
        var done = await tasks.CompleteAsync(task, new TaskCompletion("""{"output":"ok"}""", "s-new", "/w/new", "feature/x", "/d/new"), now,
            CancellationToken.None);
        var again = await tasks.CompleteAsync(task, new TaskCompletion("{}", "s-other", "/w/other", null, null), now, CancellationToken.None);
        var stored = await tasks.FindAsync(task, CancellationToken.None);
        var tokensLeft = await DaemonSeed.ScalarAsync<long>("SELECT count(*) FROM task_token WHERE task_id = @t", ("t", task));
        var pointer = await DaemonSeed.ScalarAsync<string>("SELECT session_id || ' ' || work_dir FROM chat_session WHERE id = @c", ("c", chat));

        Assert.Multiple(() =>
        {
            Assert.That(done, Is.Not.Null);
            Assert.That(done!.Task.Status, Is.EqualTo("completed"));
            Assert.That(done.TokenHashes, Is.EquivalentTo(new[] { "finish-a", "finish-b" }), "the deleted tokens, for the credential caches");
            Assert.That(again, Is.Null, "a finished task does not finish again");
            Assert.That(tokensLeft, Is.Zero);
            Assert.That(pointer, Is.EqualTo("s-new /w/new"), "the chat resumes the run's session");
            foreach (var property in typeof(AgentTask).GetProperties(BindingFlags.Public | BindingFlags.Instance))
                Assert.That(property.GetValue(done.Task), Is.EqualTo(property.GetValue(stored)), property.Name);
        });
    }

    [Test]
    public async Task Fail_WithEmptySessionValues_KeepsTheStoredOnes_AndTheChatsPointer()
    {
        var (_, _, _, chat, task) = await RunningChatTaskAsync();
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var tasks = scope.ServiceProvider.GetRequiredService<ITaskRepository>();

        var done = await tasks.FailAsync(task, new TaskFailure("boom", FailureReason.AgentError, null, "", null, null), DateTime.UtcNow,
            CancellationToken.None);
        var pointer = await DaemonSeed.ScalarAsync<string>("SELECT session_id || ' ' || work_dir FROM chat_session WHERE id = @c", ("c", chat));

        Assert.Multiple(() =>
        {
            Assert.That(done!.Task.Status, Is.EqualTo("failed"));
            Assert.That(done.Task.Error, Is.EqualTo("boom"));
            Assert.That(done.Task.SessionId, Is.EqualTo("s-old"), "an empty session keeps the stored one");
            Assert.That(done.TokenHashes, Is.Empty);
            Assert.That(pointer, Is.EqualTo("s-pinned /w/pinned"), "empty values leave the chat's pointer alone");
        });
    }

    /// <summary>A running chat task with every optional column set, and the chat's pointer.</summary>
    private static async Task<(Guid Owner, Guid Runtime, Guid Agent, Guid Chat, Guid Task)> RunningChatTaskAsync()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var runtime = await DaemonSeed.RuntimeAsync(ws.Id, owner.Id);
        var agent = await DaemonSeed.AgentAsync(ws.Id, runtime, owner.Id);
        var chat = await DaemonSeed.ChatSessionAsync(ws.Id, agent, owner.Id);
        await DaemonSeed.ExecAsync("UPDATE chat_session SET session_id = 's-pinned', work_dir = '/w/pinned' WHERE id = @c", ("c", chat));
        var issue = await DaemonSeed.IssueAsync(ws.Id, owner.Id);
        var parent = await DaemonSeed.TaskAsync(agent, runtime, issue, "failed", completedAt: DateTime.UtcNow.AddHours(-1));
        var task = await DaemonSeed.ScalarAsync<Guid>("""
            INSERT INTO agent_task_queue (agent_id, runtime_id, chat_session_id, status, priority, dispatched_at, started_at,
                context, session_id, work_dir, attempt, max_attempts, parent_task_id, last_heartbeat_at, prepare_lease_expires_at,
                wait_reason, durable_work_dir, branch_name)
            VALUES (@a, @r, @c, 'running', 3, now() - interval '2 minutes', now() - interval '1 minute',
                '{"k": [1, 2]}', 's-old', '/w/old', 2, 3, @p, now(), now() + interval '1 minute',
                'local_directory', '/d/old', 'main')
            RETURNING id
            """, ("a", agent), ("r", runtime), ("c", chat), ("p", parent));
        return (owner.Id, runtime, agent, chat, task);
    }
}
