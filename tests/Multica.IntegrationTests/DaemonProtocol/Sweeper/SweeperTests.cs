using Multica.Application.DaemonProtocol.Sweeper.SweepStaleWork;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.DaemonProtocol.Sweeper;

/// <summary>
/// The background sweeper's tick, run directly. A sweep touches every workspace, so this fixture never
/// runs beside others; assertions look only at this fixture's own rows.
/// </summary>
[NonParallelizable]
public sealed class SweeperTests
{
    private static async Task<SweepResult> SweepAsync()
    {
        await using var scope = TestEnvironment.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SweepStaleWorkCommand());
    }

    private static Task<(Guid Workspace, Guid Owner, Guid Runtime, Guid Agent)> SeedAsync() => DaemonSeed.WorkspaceWithAgentAsync();

    private static Task<string> StatusAsync(string table, Guid id) =>
        DaemonSeed.ScalarAsync<string>($"SELECT status FROM {table} WHERE id = @id", ("id", id));

    [Test]
    [Property("Id", "C69")]
    public async Task StaleTasks_TimeOut_IssueResetOnlyFromInProgress_AgentReconciled()
    {
        var s = await SeedAsync();
        var inProgress = await DaemonSeed.IssueAsync(s.Workspace, s.Owner, "in_progress");
        var inReview = await DaemonSeed.IssueAsync(s.Workspace, s.Owner, "in_review");
        var fresh = await DaemonSeed.IssueAsync(s.Workspace, s.Owner, "in_progress");
        var now = DateTime.UtcNow;
        var dispatched = await DaemonSeed.TaskAsync(s.Agent, s.Runtime, inProgress, "dispatched", dispatchedAt: now.AddSeconds(-301));
        var running = await DaemonSeed.TaskAsync(s.Agent, s.Runtime, inReview, "running",
            dispatchedAt: now.AddHours(-3), startedAt: now.AddSeconds(-9001));
        var healthy = await DaemonSeed.TaskAsync(s.Agent, s.Runtime, fresh, "running", dispatchedAt: now.AddMinutes(-5), startedAt: now.AddMinutes(-5));
        // Keep no retry budget so the reset of the issue is visible.
        await DaemonSeed.ExecAsync("UPDATE agent_task_queue SET max_attempts = 1 WHERE agent_id = @a", ("a", s.Agent));

        await SweepAsync();

        foreach (var task in new[] { dispatched, running })
        {
            Assert.That(await StatusAsync("agent_task_queue", task), Is.EqualTo("failed"));
            Assert.That(await DaemonSeed.ScalarAsync<string>("SELECT failure_reason FROM agent_task_queue WHERE id = @id", ("id", task)), Is.EqualTo("timeout"));
            Assert.That(await DaemonSeed.ScalarAsync<string>("SELECT error FROM agent_task_queue WHERE id = @id", ("id", task)), Is.EqualTo("task timed out"));
        }
        Assert.That(await StatusAsync("agent_task_queue", healthy), Is.EqualTo("running"), "a task within its limits is untouched");
        Assert.That(await StatusAsync("issue", inProgress), Is.EqualTo("todo"));
        Assert.That(await StatusAsync("issue", inReview), Is.EqualTo("in_review"));
        var failedEvents = TestEnvironment.Factory.Events.OfType("task:failed").Where(e => e.WorkspaceId == s.Workspace).ToList();
        Assert.That(failedEvents, Has.Count.EqualTo(2), "task:failed carries the task's workspace");
        // One task is still running, so the agent stays working; it is reconciled, not forced idle.
        Assert.That(await StatusAsync("agent", s.Agent), Is.EqualTo("working"));
    }

    [Test]
    public async Task StaleRuntime_GoesOffline_ItsInFlightTasksFail_AndTheWorkspaceIsTold()
    {
        var s = await SeedAsync();
        var issue = await DaemonSeed.IssueAsync(s.Workspace, s.Owner, "in_progress");
        await DaemonSeed.ExecAsync("UPDATE agent_runtime SET last_seen_at = now() - interval '46 seconds' WHERE id = @r", ("r", s.Runtime));
        var task = await DaemonSeed.TaskAsync(s.Agent, s.Runtime, issue, "running", dispatchedAt: DateTime.UtcNow, startedAt: DateTime.UtcNow);

        var result = await SweepAsync();

        Assert.That(result.RuntimesMarkedOffline, Is.GreaterThanOrEqualTo(1));
        Assert.That(await StatusAsync("agent_runtime", s.Runtime), Is.EqualTo("offline"));
        Assert.That(await StatusAsync("agent_task_queue", task), Is.EqualTo("failed"));
        Assert.That(await DaemonSeed.ScalarAsync<string>("SELECT failure_reason FROM agent_task_queue WHERE id = @id", ("id", task)),
            Is.EqualTo("runtime_offline"));
        Assert.That(TestEnvironment.Factory.Events.OfType("daemon:register").Any(e => e.WorkspaceId == s.Workspace &&
            System.Text.Json.JsonSerializer.Serialize(e.Payload).Contains("stale_sweep")), Is.True);
    }

    [Test]
    public async Task RuntimeGc_DeletesOnlyLongOfflineRuntimesWithoutAgents()
    {
        var s = await SeedAsync();
        var abandoned = await DaemonSeed.RuntimeAsync(s.Workspace, s.Owner, status: "offline", provider: "codex");
        var referenced = await DaemonSeed.RuntimeAsync(s.Workspace, s.Owner, status: "offline", provider: "gemini");
        await DaemonSeed.AgentAsync(s.Workspace, referenced, s.Owner);
        await DaemonSeed.ExecAsync("UPDATE agent_runtime SET last_seen_at = now() - interval '8 days' WHERE id = ANY(@r)",
            ("r", new[] { abandoned, referenced }));

        await SweepAsync();

        Assert.That(await DaemonSeed.ScalarAsync<long>("SELECT count(*) FROM agent_runtime WHERE id = @r", ("r", abandoned)), Is.Zero);
        Assert.That(await DaemonSeed.ScalarAsync<long>("SELECT count(*) FROM agent_runtime WHERE id = @r", ("r", referenced)), Is.EqualTo(1));
    }
}
