using Multica.Application.Issues.Shared;
using Multica.Domain.Entities;
using NUnit.Framework;

namespace Multica.UnitTests.Issues;

/// <summary>"Agent ready" (docs/lifecycle.md) for an assignee the caller has already read (issue create).</summary>
public sealed class IssueReadyAgentTests
{
    private static readonly Guid Workspace = Guid.NewGuid();

    private static (Issue Issue, Agent Agent) Assigned()
    {
        var agent = new Agent { Id = Guid.NewGuid(), WorkspaceId = Workspace, RuntimeId = Guid.NewGuid() };
        var issue = new Issue { Id = Guid.NewGuid(), WorkspaceId = Workspace, Title = "T", AssigneeType = "agent", AssigneeId = agent.Id };
        return (issue, agent);
    }

    [Test]
    public void AnAgentAssigneeOfTheWorkspace_IsReady()
    {
        var (issue, agent) = Assigned();
        Assert.That(IssueRules.ReadyAgent(issue, agent), Is.SameAs(agent));
    }

    [Test]
    public void NoAssigneeRead_IsNotReady() => Assert.That(IssueRules.ReadyAgent(Assigned().Issue, null), Is.Null);

    [Test]
    public void AnArchivedAgent_IsNotReady()
    {
        var (issue, agent) = Assigned();
        agent.ArchivedAt = DateTime.UtcNow;
        Assert.That(IssueRules.ReadyAgent(issue, agent), Is.Null);
    }

    [Test]
    public void AMemberAssignee_OrAnotherAgent_OrAnotherWorkspace_IsNotReady()
    {
        var (member, agent) = Assigned();
        member.AssigneeType = "member";
        var (other, _) = Assigned();
        var (elsewhere, stranger) = Assigned();
        stranger.WorkspaceId = Guid.NewGuid();
        Assert.Multiple(() =>
        {
            Assert.That(IssueRules.ReadyAgent(member, agent), Is.Null, "member assignee");
            Assert.That(IssueRules.ReadyAgent(other, agent), Is.Null, "the issue is assigned to another agent");
            Assert.That(IssueRules.ReadyAgent(elsewhere, stranger), Is.Null, "an agent of another workspace");
        });
    }
}
