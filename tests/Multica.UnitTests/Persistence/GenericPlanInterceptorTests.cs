using Multica.Infrastructure.Persistence;
using NUnit.Framework;

namespace Multica.UnitTests.Persistence;

public sealed class GenericPlanInterceptorTests
{
    private const string Tagged = "-- generic plan\n\nSELECT t.id FROM agent_task_queue AS t WHERE t.id = @id";

    [Test]
    public void TaggedQueryInATransaction_GetsTheSettingInFront()
    {
        var text = GenericPlanInterceptor.WithPlanMode(Tagged, inTransaction: true);
        Assert.That(text, Does.StartWith("SET LOCAL plan_cache_mode = force_generic_plan;"));
        Assert.That(text, Does.EndWith(Tagged));
    }

    [TestCase("")]
    [TestCase(";")]
    [TestCase(" ;\n")]
    public void TaggedQueryOutsideATransaction_IsSentBetweenTheSettingAndItsReset(string ending) =>
        Assert.That(GenericPlanInterceptor.WithPlanMode(Tagged + ending, inTransaction: false),
            Is.EqualTo("SET plan_cache_mode = force_generic_plan;\n" + Tagged + ";\nRESET plan_cache_mode"));

    [TestCase("SELECT 1", true)]
    [TestCase("SELECT 1", false)]
    [TestCase("-- another tag\n\nSELECT 1", true)]
    [TestCase("-- another tag\n\nSELECT 1", false)]
    public void UntaggedQuery_IsLeftAlone(string text, bool inTransaction) =>
        Assert.That(GenericPlanInterceptor.WithPlanMode(text, inTransaction), Is.EqualTo(text));
}
