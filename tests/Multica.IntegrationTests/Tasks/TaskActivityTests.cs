using System.Net;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Tasks;

/// <summary>docs/lifecycle.md: finished issue tasks leave an activity entry; failures reach member subscribers' inboxes.</summary>
public sealed class TaskActivityTests
{
    [Test]
    public async Task FailedIssueTask_WritesActivity_AndNotifiesMemberSubscribersOnly()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var watcher = await TestData.SignInAsync();
        await TestData.AddMemberAsync(ws.Id, watcher.Id);
        var runtime = await DaemonSeed.RuntimeAsync(ws.Id, owner.Id);
        var agent = await DaemonSeed.AgentAsync(ws.Id, runtime, owner.Id);
        var issue = await DaemonSeed.IssueAsync(ws.Id, owner.Id, "in_progress");
        await DaemonSeed.ExecAsync("""
            INSERT INTO issue_subscriber (issue_id, user_type, user_id, reason) VALUES
              (@i, 'member', @w, 'manual'), (@i, 'agent', @a, 'assignee')
            """, ("i", issue), ("w", watcher.Id), ("a", agent));
        var task = await DaemonSeed.TaskAsync(agent, runtime, issue, "running", dispatchedAt: DateTime.UtcNow, startedAt: DateTime.UtcNow);
        var daemon = TestData.ClientWith(await TestData.CreatePatAsync(owner.Client));

        await daemon.PostAsync($"/api/daemon/tasks/{task}/fail", new { error = "compiler crashed" }).ExpectAsync(HttpStatusCode.OK);

        Assert.That(await DaemonSeed.ScalarAsync<string>(
            "SELECT action FROM activity_log WHERE issue_id = @i AND actor_type = 'agent' AND actor_id = @a", ("i", issue), ("a", agent)),
            Is.EqualTo("task_failed"));
        Assert.That(await DaemonSeed.ScalarAsync<long>(
            "SELECT count(*) FROM inbox_item WHERE issue_id = @i AND type = 'task_failed' AND severity = 'action_required'", ("i", issue)),
            Is.EqualTo(1), "one item: the member subscriber, not the agent");
        Assert.That(await DaemonSeed.ScalarAsync<Guid>("SELECT recipient_id FROM inbox_item WHERE issue_id = @i", ("i", issue)),
            Is.EqualTo(watcher.Id));
        Assert.That(TestEnvironment.Factory.Events.OfType("inbox:new").Any(e => e.UserId == watcher.Id), Is.True);
        Assert.That(TestEnvironment.Factory.Events.OfType("activity:created").Any(e => e.WorkspaceId == ws.Id), Is.True);
    }

    [Test]
    public async Task CompletedIssueTask_WritesATaskCompletedActivity()
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var runtime = await DaemonSeed.RuntimeAsync(ws.Id, owner.Id);
        var agent = await DaemonSeed.AgentAsync(ws.Id, runtime, owner.Id);
        var issue = await DaemonSeed.IssueAsync(ws.Id, owner.Id, "in_progress");
        var task = await DaemonSeed.TaskAsync(agent, runtime, issue, "running", dispatchedAt: DateTime.UtcNow, startedAt: DateTime.UtcNow);
        var daemon = TestData.ClientWith(await TestData.CreatePatAsync(owner.Client));

        await daemon.PostAsync($"/api/daemon/tasks/{task}/complete", new { output = "done" }).ExpectAsync(HttpStatusCode.OK);

        Assert.That(await DaemonSeed.ScalarAsync<string>("SELECT action FROM activity_log WHERE issue_id = @i", ("i", issue)),
            Is.EqualTo("task_completed"));
        Assert.That(await DaemonSeed.ScalarAsync<long>("SELECT count(*) FROM inbox_item WHERE issue_id = @i", ("i", issue)), Is.Zero);
    }
}
