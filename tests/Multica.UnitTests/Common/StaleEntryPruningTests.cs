using System.Collections.Concurrent;
using Multica.Application.Common.Caching;
using NUnit.Framework;

namespace Multica.UnitTests.Common;

public sealed class StaleEntryPruningTests
{
    private static bool OlderThan100(long value, long now) => now - value >= 100;

    [Test]
    public void Prunes_OnlyWhenAsManyWritesAsTheMapHeld_AndOnlyStaleEntries()
    {
        var map = new ConcurrentDictionary<int, long>();
        for (var i = 0; i < 3 * StaleEntryPruning.Minimum; i++)
            map[i] = i < StaleEntryPruning.Minimum ? 1_000 : 0; // the first third is fresh at 1,000, the rest stale
        var pruning = new StaleEntryPruning();

        for (var i = 0; i < StaleEntryPruning.Minimum - 1; i++)
            pruning.AfterWrite(map, 1_000, OlderThan100);
        Assert.That(map, Has.Count.EqualTo(3 * StaleEntryPruning.Minimum), "not due yet");

        pruning.AfterWrite(map, 1_000, OlderThan100);
        Assert.That(map, Has.Count.EqualTo(StaleEntryPruning.Minimum));
        Assert.That(map.Keys.All(k => k < StaleEntryPruning.Minimum), Is.True, "the fresh entries are the ones kept");
    }

    [Test]
    public void TheNextPrune_WaitsForAsManyWritesAsEntriesWereKept()
    {
        var map = new ConcurrentDictionary<int, long>();
        for (var i = 0; i < 2 * StaleEntryPruning.Minimum; i++)
            map[i] = 1_000;
        var pruning = new StaleEntryPruning();
        for (var i = 0; i < StaleEntryPruning.Minimum; i++)
            pruning.AfterWrite(map, 1_000, OlderThan100); // due: nothing stale, 2 × Minimum kept

        // Everything is stale now, but the next prune is due after 2 × Minimum writes, not Minimum.
        for (var i = 0; i < 2 * StaleEntryPruning.Minimum - 1; i++)
            pruning.AfterWrite(map, 5_000, OlderThan100);
        Assert.That(map, Has.Count.EqualTo(2 * StaleEntryPruning.Minimum));
        pruning.AfterWrite(map, 5_000, OlderThan100);
        Assert.That(map, Is.Empty);
    }
}
