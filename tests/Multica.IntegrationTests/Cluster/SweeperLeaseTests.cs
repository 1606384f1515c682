using Microsoft.Extensions.DependencyInjection;
using Multica.Infrastructure.Background;
using Multica.Infrastructure.Cluster;
using NUnit.Framework;

namespace Multica.IntegrationTests.Cluster;

/// <summary>
/// The sweeper across nodes: of two nodes with the sweeper on, exactly one sweeps; when it stops, the other
/// takes over within a sweep interval. And a second node without Redis is refused at start-up.
/// Non-parallel: the sweepers here run on a timer against the shared database.
/// </summary>
[NonParallelizable]
public sealed class SweeperLeaseTests
{
    private static SweeperLease Lease(ClusterNode node) => node.Services.GetRequiredService<SweeperLease>();

    [Test, CancelAfter(60_000)]
    public async Task ExactlyOneNodeSweeps_AndAnotherTakesOverWhenItStops()
    {
        var first = ClusterNode.Start(ClusterSettings.HarmlessSweeper);
        var second = ClusterNode.Start(ClusterSettings.HarmlessSweeper);
        ClusterNode? survivor = null;
        try
        {
            // A few sweep intervals: both nodes ticked several times.
            await WaitUntilAsync(() => Lease(first).Sweeps + Lease(second).Sweeps >= 3, TimeSpan.FromSeconds(15));
            await Task.Delay(TimeSpan.FromSeconds(2));
            var holders = new[] { first, second }.Where(n => Lease(n).IsHolder).ToList();
            Assert.That(holders, Has.Count.EqualTo(1), "exactly one node holds the sweeper lease");
            var holder = holders[0];
            survivor = holder == first ? second : first;
            Assert.That(Lease(survivor).Sweeps, Is.EqualTo(0), "the other node never swept");

            await holder.DisposeAsync();
            if (holder == first) first = null!; else second = null!;

            // Interval 1 s: the survivor's next tick (or the one after, under load) takes the lease and sweeps.
            await WaitUntilAsync(() => Lease(survivor).Sweeps > 0, TimeSpan.FromSeconds(10));
            Assert.That(Lease(survivor).IsHolder, Is.True);
        }
        finally
        {
            if (first is not null) await first.DisposeAsync();
            if (second is not null) await second.DisposeAsync();
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task ASecondNodeWithoutRedis_IsRefusedAtStartUp()
    {
        var solo = ClusterNode.Start(ClusterSettings.NoSweeper, withRedis: false);
        try
        {
            var ex = Assert.Catch(() => ClusterNode.Start(ClusterSettings.NoSweeper, withRedis: false).DisposeAsync().AsTask().Wait());
            Assert.That(Flatten(ex!).Any(e => e.Message == SingleNodeGuard.RefusalMessage), Is.True, ex!.ToString());
        }
        finally
        {
            await solo.DisposeAsync();
        }
        // Once the first node is gone, a node without Redis starts again.
        await (ClusterNode.Start(ClusterSettings.NoSweeper, withRedis: false)).DisposeAsync();
    }

    private static IEnumerable<Exception> Flatten(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException agg)
                foreach (var inner in agg.InnerExceptions.SelectMany(Flatten))
                    yield return inner;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("condition not reached within " + timeout);
            await Task.Delay(100);
        }
    }
}
