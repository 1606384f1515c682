using Multica.Infrastructure.Persistence;
using NUnit.Framework;

namespace Multica.UnitTests.Persistence;

/// <summary>
/// The command text each statement is sent with, given the mode its session was left in (null: not known), and the
/// session-level mode it leaves behind (docs/daemon-protocol.md, "Plans").
/// </summary>
public sealed class GenericPlanInterceptorTests
{
    private const string Tagged = "-- generic plan\n\nSELECT t.id FROM agent_task_queue AS t WHERE t.id = @id";
    private const string SetGeneric = "SET plan_cache_mode = force_generic_plan;\n";
    private const string Reset = "RESET plan_cache_mode;\n";
    private const string SetLocalGeneric = "SET LOCAL plan_cache_mode = force_generic_plan;\n";

    [TestCase(PlanMode.SessionDefault)]
    [TestCase(null)]
    public void TaggedOutsideATransaction_OnASessionNotOnGenericPlans_SetsThemForTheSession(PlanMode? session) =>
        Assert.That(GenericPlanInterceptor.WithPlanMode(Tagged, inTransaction: false, session),
            Is.EqualTo((SetGeneric + Tagged, (PlanMode?)PlanMode.Generic)));

    [Test]
    public void TaggedOutsideATransaction_OnASessionOnGenericPlans_IsSentAsItIs() =>
        Assert.That(GenericPlanInterceptor.WithPlanMode(Tagged, inTransaction: false, PlanMode.Generic),
            Is.EqualTo((Tagged, (PlanMode?)PlanMode.Generic)));

    [TestCase(PlanMode.Generic)]
    [TestCase(null)]
    public void UntaggedOutsideATransaction_OnASessionNotOnItsOwnMode_ResetsIt(PlanMode? session) =>
        Assert.That(GenericPlanInterceptor.WithPlanMode("SELECT 1", inTransaction: false, session),
            Is.EqualTo((Reset + "SELECT 1", (PlanMode?)PlanMode.SessionDefault)));

    [TestCase("SELECT 1")]
    [TestCase("-- another tag\n\nSELECT 1")]
    public void UntaggedOutsideATransaction_OnASessionOnItsOwnMode_IsSentAsItIs(string text) =>
        Assert.That(GenericPlanInterceptor.WithPlanMode(text, inTransaction: false, PlanMode.SessionDefault),
            Is.EqualTo((text, (PlanMode?)PlanMode.SessionDefault)));

    [Test]
    public void InATransaction_OnASessionOnItsOwnMode_ATaggedStatementGetsTheTransactionLocalSetting_AndAnUntaggedOneNothing() =>
        Assert.Multiple(() =>
        {
            Assert.That(GenericPlanInterceptor.WithPlanMode(Tagged, inTransaction: true, PlanMode.SessionDefault),
                Is.EqualTo((SetLocalGeneric + Tagged, (PlanMode?)PlanMode.SessionDefault)));
            Assert.That(GenericPlanInterceptor.WithPlanMode("SELECT 1", inTransaction: true, PlanMode.SessionDefault),
                Is.EqualTo(("SELECT 1", (PlanMode?)PlanMode.SessionDefault)));
        });

    [TestCase(PlanMode.Generic)]
    [TestCase(null)]
    public void InATransaction_OnASessionNotOnItsOwnMode_TheSessionIsResetFirst(PlanMode? session) =>
        Assert.Multiple(() =>
        {
            Assert.That(GenericPlanInterceptor.WithPlanMode(Tagged, inTransaction: true, session),
                Is.EqualTo((Reset + SetLocalGeneric + Tagged, (PlanMode?)PlanMode.SessionDefault)));
            Assert.That(GenericPlanInterceptor.WithPlanMode("SELECT 1", inTransaction: true, session),
                Is.EqualTo((Reset + "SELECT 1", (PlanMode?)PlanMode.SessionDefault)));
        });
}
