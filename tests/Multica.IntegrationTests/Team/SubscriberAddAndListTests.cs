using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Subscriptions;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Team;

/// <summary>
/// Following an issue and reading its followers in one statement (a commenter follows, then the followers are
/// notified): the answer includes the new follower exactly once, in the order of <c>ListAsync</c>.
/// </summary>
public sealed class SubscriberAddAndListTests
{
    [Test]
    public async Task AddAndList_AnswersEveryFollowerOnce_NewOrNot_InListOrder()
    {
        var (owner, issue, agent) = await IssueWithAgentAsync();
        var t0 = DateTime.UtcNow.AddMinutes(-5);

        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var subscribers = scope.ServiceProvider.GetRequiredService<ISubscriberRepository>();
        await subscribers.AddAsync(issue, "member", owner, "creator", t0, CancellationToken.None);

        var afterAgent = await subscribers.AddAndListAsync(issue, "agent", agent, "commenter", t0.AddMinutes(1), CancellationToken.None);
        var again = await subscribers.AddAndListAsync(issue, "agent", agent, "commenter", t0.AddMinutes(2), CancellationToken.None);
        var listed = await subscribers.ListAsync(issue, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(afterAgent.Select(s => (s.UserType, s.UserId, s.Reason)),
                Is.EqualTo(new[] { ("member", owner, "creator"), ("agent", agent, "commenter") }), "the new follower comes back with the others");
            Assert.That(again.Select(s => (s.UserType, s.UserId, s.CreatedAt)), Is.EqualTo(afterAgent.Select(s => (s.UserType, s.UserId, s.CreatedAt))),
                "following again changes nothing and answers each follower once");
            Assert.That(listed.Select(s => (s.UserType, s.UserId)), Is.EqualTo(afterAgent.Select(s => (s.UserType, s.UserId))));
        });
    }

    [Test]
    public async Task AddMany_AddsEachOnce_KeepsTheFirstReason_AndLeavesExistingOnesAlone()
    {
        var (owner, issue, agent) = await IssueWithAgentAsync();
        var other = Guid.NewGuid();
        var t0 = DateTime.UtcNow.AddMinutes(-5);

        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var subscribers = scope.ServiceProvider.GetRequiredService<ISubscriberRepository>();
        await subscribers.AddAsync(issue, "agent", agent, "manual", t0, CancellationToken.None);

        var added = await subscribers.AddManyAsync(issue,
        [
            new NewSubscription("member", owner, "creator"),
            new NewSubscription("agent", agent, "assignee"),
            new NewSubscription("member", owner, "mentioned"),
            new NewSubscription("member", other, "mentioned"),
        ], t0.AddMinutes(1), CancellationToken.None);
        var none = await subscribers.AddManyAsync(issue, [], t0.AddMinutes(2), CancellationToken.None);
        var listed = await subscribers.ListAsync(issue, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(added, Is.EqualTo(2), "the owner and the other member are new; the agent already followed");
            Assert.That(none, Is.Zero);
            Assert.That(listed.Select(s => (s.UserType, s.UserId, s.Reason)).OrderBy(s => s.Reason), Is.EqualTo(new[]
            {
                ("member", owner, "creator"), ("agent", agent, "manual"), ("member", other, "mentioned"),
            }), "one row each; an existing subscription keeps its reason, a repeated one the first reason listed");
        });
    }

    /// <summary>A workspace's owner, one of its issues and one of its agents.</summary>
    private static async Task<(Guid Owner, Guid Issue, Guid Agent)> IssueWithAgentAsync()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var issue = await DaemonSeed.IssueAsync(ws.Id, owner.Id);
        var runtime = await DaemonSeed.RuntimeAsync(ws.Id, owner.Id);
        return (owner.Id, issue, await DaemonSeed.AgentAsync(ws.Id, runtime, owner.Id));
    }
}
