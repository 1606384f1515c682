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

    [Test]
    public void TaggedQueryOutsideATransaction_IsLeftAlone() =>
        Assert.That(GenericPlanInterceptor.WithPlanMode(Tagged, inTransaction: false), Is.EqualTo(Tagged));

    [TestCase("SELECT 1")]
    [TestCase("-- another tag\n\nSELECT 1")]
    public void UntaggedQuery_IsLeftAlone(string text) =>
        Assert.That(GenericPlanInterceptor.WithPlanMode(text, inTransaction: true), Is.EqualTo(text));
}
