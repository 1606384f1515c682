using Microsoft.Extensions.Time.Testing;
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
        _marks = new EmptyQueueMarks(_time);
    }

    [Test]
    public void Mark_HoldsForItsLifetimeOnly()
    {
        _marks.MarkEmpty(_runtime, _marks.Version(_runtime));
        Assert.That(_marks.IsKnownEmpty(_runtime), Is.True);
        _time.Advance(EmptyQueueMarks.Lifetime);
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
}
