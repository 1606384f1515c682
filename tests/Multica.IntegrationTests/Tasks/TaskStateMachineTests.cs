using Multica.Application.DaemonProtocol;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Tasks;
using Multica.Domain.Constants;
using Multica.Domain.Tasks;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Tasks;

/// <summary>
/// Every named transition of <see cref="TaskStateMachine"/>, applied by the statement production uses to a task
/// in each status: the row changes exactly when the status is one of the transition's sources.
/// Non-parallel: the offline-runtime and time-out transitions are statements over the whole queue.
/// </summary>
[NonParallelizable]
public sealed class TaskStateMachineTests
{
    private static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private Guid _workspace;
    private Guid _owner;

    [OneTimeSetUp]
    public async Task CreateWorkspace()
    {
        var owner = await TestData.SignInAsync();
        _owner = owner.Id;
        _workspace = (await TestData.CreateWorkspaceAsync(owner.Client)).Id;
    }

    private static IEnumerable<TestCaseData> Cases() =>
        from transition in TaskStateMachine.Transitions
        from status in AgentTaskStatus.All
        select new TestCaseData(transition.Name, status).SetName($"{transition.Name} from {status}");

    [TestCaseSource(nameof(Cases))]
    public async Task Transition_ChangesTheRow_OnlyFromItsSourceStatuses(string name, string status)
    {
        var transition = TaskStateMachine.Transitions.Single(t => t.Name == name);
        var runtime = await DaemonSeed.RuntimeAsync(_workspace, _owner,
            status: transition == TaskStateMachine.FailOnOfflineRuntime ? "offline" : "online");
        var agent = await DaemonSeed.AgentAsync(_workspace, runtime, _owner);
        var issue = await DaemonSeed.IssueAsync(_workspace, _owner);
        var task = await DaemonSeed.TaskAsync(agent, runtime, issue, status, dispatchedAt: LongAgo,
            startedAt: transition == TaskStateMachine.TimeOut && status == AgentTaskStatus.Running ? LongAgo : null);

        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var changed = await ApplyAsync(scope.ServiceProvider, transition, task, runtime);

        // Re-offering goes through the claim, which also takes queued rows.
        var expected = transition.Accepts(status)
            || (transition == TaskStateMachine.Reoffer && TaskStateMachine.Claim.Accepts(status));
        var stored = await DaemonSeed.ScalarAsync<string>("SELECT status FROM agent_task_queue WHERE id = @t", ("t", task));
        Assert.Multiple(() =>
        {
            Assert.That(changed, Is.EqualTo(expected), "row changed");
            Assert.That(stored, Is.EqualTo(expected ? transition.To ?? status : status), "stored status");
        });
    }

    private static async Task<bool> ApplyAsync(IServiceProvider services, TaskStatusTransition transition, Guid task, Guid runtime)
    {
        var tasks = services.GetRequiredService<ITaskRepository>();
        var claims = services.GetRequiredService<ITaskClaimRepository>();
        var daemon = services.GetRequiredService<IDaemonProtocolRepository>();
        var now = DateTime.UtcNow;
        var ct = CancellationToken.None;

        Task<bool> Claim(DateTime reofferBefore) => claims.ClaimAsync(new ClaimRequest([runtime], 10, now, reofferBefore,
                now.AddMinutes(5), now.AddHours(1), 50), ct)
            .ContinueWith(r => r.Result.Any(c => c.Task.Id == task));

        if (transition == TaskStateMachine.Claim)
            return await Claim(LongAgo.AddDays(-1));
        if (transition == TaskStateMachine.Reoffer)
            return await Claim(now.AddHours(1));
        if (transition == TaskStateMachine.ParkForLocalDirectory)
            return await daemon.MarkWaitingLocalDirectoryAsync(task, "waiting", now.AddMinutes(5), ct) is not null;
        if (transition == TaskStateMachine.ExtendLease)
            return await daemon.ExtendPrepareLeaseAsync(task, runtime, now.AddMinutes(5), ct) is not null;
        if (transition == TaskStateMachine.Start)
            return await tasks.StartAsync(task, now, ct) is not null;
        if (transition == TaskStateMachine.Complete)
            return await tasks.CompleteAsync(task, new TaskCompletion("{}", null, null, null, null), now, ct) is not null;
        if (transition == TaskStateMachine.Fail)
            return await tasks.FailAsync(task, new TaskFailure("boom", FailureReason.AgentError, null, null, null, null), now, ct) is not null;
        if (transition == TaskStateMachine.FailOnOfflineRuntime)
            return (await tasks.FailInFlightOnOfflineRuntimesAsync("offline", FailureReason.RuntimeOffline, now, ct)).Any(t => t.Id == task);
        if (transition == TaskStateMachine.TimeOut)
            return (await tasks.FailStaleAsync(LongAgo.AddDays(1), LongAgo.AddDays(1), "stale", FailureReason.Timeout, now, ct))
                .Any(t => t.Id == task);
        if (transition == TaskStateMachine.Cancel)
            return await tasks.CancelAsync(task, now, ct) is not null;
        if (transition == TaskStateMachine.AcknowledgeCancel)
            return await daemon.RecordCancelAckAsync(task, new CancelAckFields("branch", null, null, null), ct);
        throw new InvalidOperationException($"no statement for transition {transition.Name}");
    }
}
