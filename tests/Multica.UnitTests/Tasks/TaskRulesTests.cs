using Multica.Domain.Tasks;
using NUnit.Framework;

namespace Multica.UnitTests.Tasks;

public sealed class TaskRulesTests
{
    private static readonly Guid Some = Guid.NewGuid();

    [TestCase("timeout", 1, 2, true)]
    [TestCase("runtime_offline", 1, 2, true)]
    [TestCase("runtime_recovery", 1, 2, true)]
    [TestCase("agent_error", 1, 2, false)]
    [TestCase("timeout", 2, 2, false)]
    public void Retry_OnlyForInfrastructureFailuresWithAttemptsLeft(string reason, int attempt, int max, bool expected) =>
        Assert.That(TaskRules.ShouldRetry("failed", reason, attempt, max, null, Some, null), Is.EqualTo(expected));

    [Test]
    public void Retry_NeverForAutopilotRunsOrUnattachedTasks()
    {
        Assert.That(TaskRules.ShouldRetry("failed", "timeout", 1, 2, Some, Some, null), Is.False);
        Assert.That(TaskRules.ShouldRetry("failed", "timeout", 1, 2, null, null, null), Is.False);
        Assert.That(TaskRules.ShouldRetry("failed", "timeout", 1, 2, null, null, Some), Is.True);
        Assert.That(TaskRules.ShouldRetry("cancelled", "timeout", 1, 2, null, Some, null), Is.False);
    }

    [TestCase("urgent", 4)]
    [TestCase("high", 3)]
    [TestCase("medium", 2)]
    [TestCase("low", 1)]
    [TestCase("none", 0)]
    [TestCase("weird", 0)]
    public void Priority_FromIssuePriority(string priority, int expected) => Assert.That(TaskRules.PriorityForIssue(priority), Is.EqualTo(expected));

    [Test]
    public void AgentStatus_WorkingWhileAnythingInFlight()
    {
        Assert.That(TaskRules.AgentStatusFor(false), Is.EqualTo("idle"));
        Assert.That(TaskRules.AgentStatusFor(true), Is.EqualTo("working"));
        Assert.That(TaskRules.EffectiveFailureReason(""), Is.EqualTo("agent_error"));
        Assert.That(TaskRules.EffectiveFailureReason("agent_error.provider_network"), Is.EqualTo("agent_error.provider_network"));
    }
}
