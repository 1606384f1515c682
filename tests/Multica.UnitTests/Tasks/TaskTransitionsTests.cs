using Multica.Domain.Constants;
using Multica.Domain.Tasks;
using NUnit.Framework;

namespace Multica.UnitTests.Tasks;

public sealed class TaskTransitionsTests
{
    [TestCase("queued", false)]
    [TestCase("dispatched", true)]
    [TestCase("waiting_local_directory", true)]
    [TestCase("running", false)]
    [TestCase("completed", false)]
    public void Start_OnlyFromDispatchedOrWaiting(string status, bool allowed) => Assert.That(TaskTransitions.CanStart(status), Is.EqualTo(allowed));

    [TestCase("queued", false)]
    [TestCase("dispatched", true)]
    [TestCase("running", true)]
    [TestCase("failed", false)]
    [TestCase("cancelled", false)]
    public void Complete_FromInFlightOnly(string status, bool allowed) => Assert.That(TaskTransitions.CanComplete(status), Is.EqualTo(allowed));

    [TestCase("queued", true)]
    [TestCase("running", true)]
    [TestCase("completed", false)]
    [TestCase("cancelled", false)]
    public void Cancel_FromAnyActiveStatus(string status, bool allowed) => Assert.That(TaskTransitions.CanCancel(status), Is.EqualTo(allowed));

    [Test]
    public void TerminalStatuses_AcceptNoTransition()
    {
        foreach (var status in AgentTaskStatus.Terminal)
            Assert.That(TaskTransitions.CanStart(status) || TaskTransitions.CanComplete(status) || TaskTransitions.CanFail(status)
                || TaskTransitions.CanCancel(status), Is.False, status);
    }

    private static readonly Guid Some = Guid.NewGuid();

    [TestCase("timeout", 1, 2, true)]
    [TestCase("runtime_offline", 1, 2, true)]
    [TestCase("runtime_recovery", 1, 2, true)]
    [TestCase("agent_error", 1, 2, false)]
    [TestCase("timeout", 2, 2, false)]
    public void Retry_OnlyForInfrastructureFailuresWithAttemptsLeft(string reason, int attempt, int max, bool expected) =>
        Assert.That(TaskTransitions.ShouldRetry("failed", reason, attempt, max, null, Some, null), Is.EqualTo(expected));

    [Test]
    public void Retry_NeverForAutopilotRunsOrUnattachedTasks()
    {
        Assert.That(TaskTransitions.ShouldRetry("failed", "timeout", 1, 2, Some, Some, null), Is.False);
        Assert.That(TaskTransitions.ShouldRetry("failed", "timeout", 1, 2, null, null, null), Is.False);
        Assert.That(TaskTransitions.ShouldRetry("failed", "timeout", 1, 2, null, null, Some), Is.True);
        Assert.That(TaskTransitions.ShouldRetry("cancelled", "timeout", 1, 2, null, Some, null), Is.False);
    }

    [TestCase("urgent", 4)]
    [TestCase("high", 3)]
    [TestCase("medium", 2)]
    [TestCase("low", 1)]
    [TestCase("none", 0)]
    [TestCase("weird", 0)]
    public void Priority_FromIssuePriority(string priority, int expected) => Assert.That(TaskTransitions.PriorityForIssue(priority), Is.EqualTo(expected));

    [Test]
    public void AgentStatus_WorkingWhileAnythingInFlight()
    {
        Assert.That(TaskTransitions.AgentStatusFor(0), Is.EqualTo("idle"));
        Assert.That(TaskTransitions.AgentStatusFor(3), Is.EqualTo("working"));
        Assert.That(TaskTransitions.EffectiveFailureReason(""), Is.EqualTo("agent_error"));
        Assert.That(TaskTransitions.EffectiveFailureReason("agent_error.provider_network"), Is.EqualTo("agent_error.provider_network"));
    }
}
