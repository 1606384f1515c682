using Multica.Infrastructure.Background;
using NUnit.Framework;

namespace Multica.UnitTests.Background;

/// <summary>
/// Reactions run on several consumers keyed by issue: one issue's events always land on the same lane (so they keep
/// their order), and different issues spread over the lanes.
/// </summary>
public sealed class IssueEventLanesTests
{
    [Test]
    public void OneIssue_AlwaysTheSameLane_AndEveryLaneInRange()
    {
        var issues = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).ToList();
        Assert.Multiple(() =>
        {
            foreach (var issue in issues)
            {
                var lane = IssueEventListener.LaneOf(issue);
                Assert.That(lane, Is.InRange(0, IssueEventListener.Lanes - 1));
                Assert.That(IssueEventListener.LaneOf(new Guid(issue.ToString())), Is.EqualTo(lane), "the same issue, another instance");
            }
        });
    }

    [Test]
    public void DifferentIssues_SpreadOverEveryLane_AndEventsWithoutAnIssueShareLaneZero()
    {
        var used = Enumerable.Range(0, 1000).Select(_ => IssueEventListener.LaneOf(Guid.NewGuid())).Distinct().Count();
        Assert.That(used, Is.EqualTo(IssueEventListener.Lanes));
        Assert.That(IssueEventListener.LaneOf(null), Is.EqualTo(0));
    }
}
