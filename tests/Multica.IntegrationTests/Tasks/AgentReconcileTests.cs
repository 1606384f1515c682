using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Tasks;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Tasks;

/// <summary>
/// The agent status reconciliation is one statement (docs/task-state-machine.md): working while the agent has a
/// task in flight (dispatched, waiting for its local directory, running), else idle; the row is written only when
/// the status changes, and answered either way.
/// </summary>
public sealed class AgentReconcileTests
{
    private static async Task<(Guid Runtime, Guid Agent, Guid Issue)> AgentAsync()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var runtime = await DaemonSeed.RuntimeAsync(ws.Id, owner.Id);
        var agent = await DaemonSeed.AgentAsync(ws.Id, runtime, owner.Id);
        return (runtime, agent, await DaemonSeed.IssueAsync(ws.Id, owner.Id));
    }

    private static async Task<(string? Answered, string Stored, DateTime UpdatedAt)> ReconcileAsync(Guid agent, DateTime now)
    {
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<ITaskContextRepository>();
        var row = await context.ReconcileAgentStatusAsync(agent, "working", "idle", now, CancellationToken.None);
        var stored = await DaemonSeed.ScalarAsync<string>("SELECT status FROM agent WHERE id = @a", ("a", agent));
        var updatedAt = await DaemonSeed.ScalarAsync<DateTime>("SELECT updated_at FROM agent WHERE id = @a", ("a", agent));
        return (row?.Status, stored, updatedAt);
    }

    [TestCase("dispatched")]
    [TestCase("waiting_local_directory")]
    [TestCase("running")]
    public async Task ATaskInFlight_MakesTheAgentWorking(string status)
    {
        var (runtime, agent, issue) = await AgentAsync();
        await DaemonSeed.TaskAsync(agent, runtime, issue, status);

        var (answered, stored, _) = await ReconcileAsync(agent, DateTime.UtcNow);

        Assert.That((answered, stored), Is.EqualTo(("working", "working")));
    }

    [Test]
    public async Task OnlyQueuedOrFinishedTasks_LeaveTheAgentIdle_AndAnUnchangedStatusIsNotRewritten()
    {
        var (runtime, agent, issue) = await AgentAsync();
        await DaemonSeed.TaskAsync(agent, runtime, issue, "queued");
        await DaemonSeed.TaskAsync(agent, runtime, issue, "completed");
        var before = await DaemonSeed.ScalarAsync<DateTime>("SELECT updated_at FROM agent WHERE id = @a", ("a", agent));

        var (answered, stored, updatedAt) = await ReconcileAsync(agent, DateTime.UtcNow.AddHours(1));

        Assert.Multiple(() =>
        {
            Assert.That((answered, stored), Is.EqualTo(("idle", "idle")));
            Assert.That(updatedAt, Is.EqualTo(before).Within(TimeSpan.FromMilliseconds(1)), "the idle row was not rewritten");
        });
    }

    [Test]
    public async Task TheLastTaskFinishing_TurnsAWorkingAgentIdle_AndBumpsUpdatedAt()
    {
        var (runtime, agent, issue) = await AgentAsync();
        var task = await DaemonSeed.TaskAsync(agent, runtime, issue, "running");
        Assert.That((await ReconcileAsync(agent, DateTime.UtcNow)).Stored, Is.EqualTo("working"));
        await DaemonSeed.ExecAsync("UPDATE agent_task_queue SET status = 'completed' WHERE id = @t", ("t", task));
        var later = DateTime.UtcNow.AddMinutes(5);

        var (answered, stored, updatedAt) = await ReconcileAsync(agent, later);

        Assert.Multiple(() =>
        {
            Assert.That((answered, stored), Is.EqualTo(("idle", "idle")));
            Assert.That(updatedAt, Is.EqualTo(later).Within(TimeSpan.FromMilliseconds(1)));
        });
    }

    [Test]
    public async Task AnAgentThatDoesNotExist_AnswersNothing()
    {
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<ITaskContextRepository>();

        Assert.That(await context.ReconcileAgentStatusAsync(Guid.NewGuid(), "working", "idle", DateTime.UtcNow, CancellationToken.None), Is.Null);
    }
}
