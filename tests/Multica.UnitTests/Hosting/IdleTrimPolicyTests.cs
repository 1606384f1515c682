using Multica.Infrastructure.Hosting;
using NUnit.Framework;

namespace Multica.UnitTests.Hosting;

public sealed class IdleTrimPolicyTests
{
    private const long MiB = 1024 * 1024;
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static IdleTrimPolicy Policy() => new(new MemoryOptions
    {
        QuietChecks = 2,
        QuietAllocationBytesPerSecond = 2 * MiB,
        QuietWorkItemsPerSecond = 100,
        MinGrowthBytes = 32 * MiB,
    });

    /// <summary>
    /// Feeds samples 5 s apart, each allocating <paramref name="bytesPerSecond"/> and completing 10 work items
    /// per second (a server's own timers); returns each answer.
    /// </summary>
    private static List<bool> Feed(IdleTrimPolicy policy, long resident, params long[] bytesPerSecond) =>
        Feed(policy, resident, bytesPerSecond.Select(b => (b, 10L)).ToArray());

    private static List<bool> Feed(IdleTrimPolicy policy, long resident, params (long Bytes, long WorkItems)[] perSecond)
    {
        var answers = new List<bool>();
        long allocated = 0, workItems = 0;
        answers.Add(policy.Observe(T0, allocated, workItems, resident));
        for (var i = 0; i < perSecond.Length; i++)
        {
            allocated += perSecond[i].Bytes * 5;
            workItems += perSecond[i].WorkItems * 5;
            answers.Add(policy.Observe(T0.AddSeconds(5 * (i + 1)), allocated, workItems, resident));
        }
        return answers;
    }

    [Test]
    public void TwoQuietSamplesAfterGrowth_Trim()
    {
        var answers = Feed(Policy(), 400 * MiB, 50 * MiB, MiB, MiB);
        Assert.That(answers, Is.EqualTo(new[] { false, false, false, true }));
    }

    [Test]
    public void ABusyServer_NeverTrims() =>
        Assert.That(Feed(Policy(), 400 * MiB, 50 * MiB, 3 * MiB, 50 * MiB, 3 * MiB, 3 * MiB), Has.None.True);

    [Test]
    public void AConnectedFleetThatAllocatesLittle_IsNotQuiet() =>
        // 200 socket frames a second: little garbage, but a thousand work items a second.
        Assert.That(Feed(Policy(), 500 * MiB, (MiB, 1_000L), (MiB, 1_000L), (MiB, 1_000L), (MiB, 1_000L)), Has.None.True);

    [Test]
    public void ABusySampleBetweenQuietOnes_StartsTheCountAgain()
    {
        var answers = Feed(Policy(), 400 * MiB, MiB, 40 * MiB, MiB, MiB);
        Assert.That(answers, Is.EqualTo(new[] { false, false, false, false, true }));
    }

    [Test]
    public void AfterATrim_AQuietServerDoesNotTrimAgain_UntilItGrowsAgain()
    {
        var policy = Policy();
        Assert.That(Feed(policy, 400 * MiB, MiB, MiB)[^1], Is.True);
        policy.Trimmed(150 * MiB);

        long allocated = 10 * MiB;
        var at = T0.AddSeconds(100);
        var answers = new List<bool>();
        foreach (var resident in new[] { 160 * MiB, 170 * MiB, 175 * MiB, 190 * MiB })
        {
            at = at.AddSeconds(5);
            allocated += MiB;
            answers.Add(policy.Observe(at, allocated, 100 + (answers.Count + 1) * 50L, resident));
        }
        // 160 to 175 MiB stay within 32 MiB of the 150 MiB left by the trim; 190 MiB is past it.
        Assert.That(answers, Is.EqualTo(new[] { false, false, false, true }));
    }

    [Test]
    public void ASmallResidentSet_IsLeftAlone() =>
        Assert.That(Feed(Policy(), 20 * MiB, MiB, MiB, MiB), Has.None.True);
}
