using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Multica.Application.Common.Caching;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Claiming;
using NUnit.Framework;

namespace Multica.UnitTests.DaemonProtocol;

public sealed class EmptyQueueMarksTests
{
    private FakeTimeProvider _time = null!;
    private EmptyQueueMarks _marks = null!;
    private readonly Guid _runtime = Guid.NewGuid();

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        _marks = new EmptyQueueMarks(_time, Options.Create(new TaskOptions()));
    }

    [Test]
    public void Mark_HoldsForItsLifetimeOnly()
    {
        _marks.MarkEmpty(_runtime, _marks.Version(_runtime));
        _time.Advance(_marks.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.That(_marks.IsKnownEmpty(_runtime), Is.True);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(_marks.IsKnownEmpty(_runtime), Is.False);
    }

    [Test]
    public void InvalidationDuringTheLookup_PreventsTheMark()
    {
        var version = _marks.Version(_runtime);
        _marks.Invalidate(_runtime); // an enqueue committed while the lookup ran
        _marks.MarkEmpty(_runtime, version);
        Assert.That(_marks.IsKnownEmpty(_runtime), Is.False);
    }

    [Test]
    public void Invalidate_ClearsAnExistingMark_OfThatRuntimeOnly()
    {
        var other = Guid.NewGuid();
        _marks.MarkEmpty(_runtime, _marks.Version(_runtime));
        _marks.MarkEmpty(other, _marks.Version(other));
        _marks.Invalidate(_runtime);
        Assert.That(_marks.IsKnownEmpty(_runtime), Is.False);
        Assert.That(_marks.IsKnownEmpty(other), Is.True);
    }

    [Test]
    public void Lifetime_IsTheConfiguredOne()
    {
        var marks = new EmptyQueueMarks(_time, Options.Create(new TaskOptions { EmptyPollMarkSeconds = 5 }));
        marks.MarkEmpty(_runtime, marks.Version(_runtime));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.That(marks.IsKnownEmpty(_runtime), Is.False);
        Assert.That(new TaskOptions().EmptyPollMarkSeconds, Is.EqualTo(30));
    }

    [Test]
    public void InvalidateAll_DropsEveryMark_AndTheMarksOfLookupsInProgress()
    {
        var other = Guid.NewGuid();
        _marks.MarkEmpty(_runtime, _marks.Version(_runtime));
        var inProgress = _marks.Version(other);
        _marks.InvalidateAll();
        _marks.MarkEmpty(other, inProgress);
        Assert.That(_marks.IsKnownEmpty(_runtime), Is.False);
        Assert.That(_marks.IsKnownEmpty(other), Is.False);
    }

    [Test]
    public void WhileSuspended_NoMarkIsTrustedOrSet_AndResumeStartsFromFreshLookups()
    {
        _marks.MarkEmpty(_runtime, _marks.Version(_runtime));
        var before = _marks.Version(_runtime);
        _marks.Suspend();
        Assert.That(_marks.IsKnownEmpty(_runtime), Is.False, "a suspended node asks the database");
        _marks.MarkEmpty(_runtime, _marks.Version(_runtime));
        Assert.That(_marks.IsKnownEmpty(_runtime), Is.False, "nor remembers while suspended");

        _marks.Resume();
        _marks.MarkEmpty(_runtime, before);
        Assert.That(_marks.IsKnownEmpty(_runtime), Is.False, "a lookup from before the outage sets nothing");
        _marks.MarkEmpty(_runtime, _marks.Version(_runtime));
        Assert.That(_marks.IsKnownEmpty(_runtime), Is.True);
    }

    [Test]
    public void ExpiredMarks_ArePruned_AsNewRuntimesAreMarked_AndLiveOnesStay()
    {
        var old = Enumerable.Range(0, StaleEntryPruning.Minimum).Select(_ => Guid.NewGuid()).ToList();
        foreach (var runtime in old)
            _marks.MarkEmpty(runtime, _marks.Version(runtime));
        Assert.That(_marks.MarkedRuntimes, Is.EqualTo(old.Count), "the writes that made the prune due found nothing stale");

        _time.Advance(_marks.Lifetime); // every earlier mark has expired: a fleet that went away
        var fresh = Enumerable.Range(0, StaleEntryPruning.Minimum).Select(_ => Guid.NewGuid()).ToList();
        foreach (var runtime in fresh)
            _marks.MarkEmpty(runtime, _marks.Version(runtime));

        Assert.That(_marks.MarkedRuntimes, Is.EqualTo(fresh.Count), "the expired marks are gone, the new ones kept");
        Assert.That(fresh.All(_marks.IsKnownEmpty), Is.True);
        Assert.That(old.Any(_marks.IsKnownEmpty), Is.False);
    }
}
