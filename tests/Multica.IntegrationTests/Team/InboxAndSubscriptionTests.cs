using System.Net;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.Support.WorkspaceData;
using static Multica.IntegrationTests.Team.TeamData;

namespace Multica.IntegrationTests.Team;

public sealed class InboxAndSubscriptionTests
{
    private static bool HasSubscriber(JsonElement list, Guid userId, string reason) =>
        list.Items().Any(s => s.Id("user_id") == userId && s.Str("reason") == reason);

    [Test]
    public async Task CreatorAndAssigneeAreSubscribed_ManualSubscribeAndUnsubscribe_WithEvents()
    {
        var owner = await OwnerAsync();
        var member = await MemberAsync(owner.WorkspaceId);
        var other = await MemberAsync(owner.WorkspaceId);
        var issue = await CreateAssignedIssueAsync(owner, member.Id);
        var path = $"/api/issues/{issue.Id()}/subscribers";

        var subscribers = await EventuallyAsync(owner.Client, path, l => l.GetArrayLength() == 2);
        Assert.That(HasSubscriber(subscribers, owner.Id, "creator") && HasSubscriber(subscribers, member.Id, "assignee"), subscribers.ToString());

        var result = await other.Client.PostAsync($"/api/issues/{issue.Id()}/subscribe").ExpectAsync(HttpStatusCode.OK);
        Assert.That(result.GetProperty("subscribed").GetBoolean(), Is.True);
        Assert.That(HasSubscriber(await other.Client.GetAsync(path).ExpectAsync(HttpStatusCode.OK), other.Id, "manual"));
        var added = await EventAsync("subscriber:added", e => e.WorkspaceId == owner.WorkspaceId && e.PayloadJson().Id("user_id") == other.Id);
        Assert.That(added.PayloadJson().Str("reason"), Is.EqualTo("manual"));

        result = await other.Client.PostAsync($"/api/issues/{issue.Id()}/unsubscribe").ExpectAsync(HttpStatusCode.OK);
        Assert.That(result.GetProperty("subscribed").GetBoolean(), Is.False);
        Assert.That(HasSubscriber(await other.Client.GetAsync(path).ExpectAsync(HttpStatusCode.OK), other.Id, "manual"), Is.False);
        await EventAsync("subscriber:removed", e => e.WorkspaceId == owner.WorkspaceId && e.PayloadJson().Id("user_id") == other.Id);

        // Subscribing someone else of the workspace works; an outsider is refused.
        await owner.Client.PostAsync($"/api/issues/{issue.Id()}/subscribe", new { user_id = other.Id, user_type = "member" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(HasSubscriber(await owner.Client.GetAsync(path).ExpectAsync(HttpStatusCode.OK), other.Id, "manual"));
        var outsider = await OwnerAsync();
        await owner.Client.PostAsync($"/api/issues/{issue.Id()}/subscribe", new { user_id = outsider.Id })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "target user is not a member of this workspace");
        await owner.Client.PostAsync($"/api/issues/{issue.Id()}/subscribe", new { user_id = "not-a-uuid" })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "target user is not a member of this workspace");

        // Another workspace's member sees nothing of this issue.
        await outsider.Client.GetAsync(path).ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
        await outsider.Client.PostAsync($"/api/issues/{issue.Id()}/subscribe").ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
    }

    [Test]
    public async Task ABurstOverManyIssues_GetsEveryReaction_AndOneIssuesCommentsKeepTheirOrder()
    {
        // Reactions run on several consumers keyed by issue (IssueEventListener): issues spread over them, one
        // issue's events stay in publish order.
        var owner = await OwnerAsync();
        var member = await MemberAsync(owner.WorkspaceId);
        var issues = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => CreateAssignedIssueAsync(owner, member.Id)));
        var inbox = await EventuallyAsync(member.Client, "/api/inbox", l => l.GetArrayLength() == issues.Length);
        Assert.That(inbox.Items().Select(i => i.Id("issue_id")).ToHashSet(), Is.EquivalentTo(issues.Select(i => i.Id())),
            "one assignment item per issue");

        var first = issues[0].Id();
        for (var n = 1; n <= 8; n++)
            await CommentAsync(member.Client, first, $"step {n}");
        var ownerInbox = await EventuallyAsync(owner.Client, "/api/inbox", l => l.GetArrayLength() == 8);
        Assert.That(ownerInbox.Items().Select(i => i.Str("body")).Reverse(), Is.EqualTo(Enumerable.Range(1, 8).Select(n => $"step {n}")),
            "newest first, in the order the comments were posted");
    }

    [Test]
    public async Task Inbox_AssignmentCommentStatusAndMention_ReachTheRightPeople()
    {
        var owner = await OwnerAsync();
        var member = await MemberAsync(owner.WorkspaceId);
        var bystander = await MemberAsync(owner.WorkspaceId);
        var issue = await CreateAssignedIssueAsync(owner, member.Id);

        var inbox = await EventuallyAsync(member.Client, "/api/inbox", l => l.GetArrayLength() == 1);
        var assigned = inbox[0];
        Assert.That(assigned.Str("type"), Is.EqualTo("issue_assigned"));
        Assert.That(assigned.Str("severity"), Is.EqualTo("action_required"));
        Assert.That(assigned.Id("issue_id"), Is.EqualTo(issue.Id()));
        Assert.That(assigned.Str("issue_status"), Is.EqualTo("todo"));
        Assert.That(assigned.Id("actor_id"), Is.EqualTo(owner.Id));
        Assert.That(assigned.Str("title"), Is.EqualTo(issue.Str("title")));
        Assert.That(assigned.GetProperty("read").GetBoolean(), Is.False);
        var newEvent = await EventAsync("inbox:new", e => e.UserId == member.Id);
        Assert.That(newEvent.PayloadJson().GetProperty("item").Id(), Is.EqualTo(assigned.Id()));
        Assert.That((await member.Client.GetAsync("/api/inbox/unread-count").ExpectAsync(HttpStatusCode.OK)).GetProperty("count").GetInt32(),
            Is.EqualTo(1));

        // The assignee comments: the creator (a follower) hears of it; the commenter does not.
        await CommentAsync(member.Client, issue.Id(), "On it " + MemberMention(bystander.Id));
        var ownerInbox = await EventuallyAsync(owner.Client, "/api/inbox", l => l.GetArrayLength() == 1);
        Assert.That(ownerInbox[0].Str("type"), Is.EqualTo("new_comment"));
        Assert.That(ownerInbox[0].Str("body"), Does.StartWith("On it"));
        var mention = (await EventuallyAsync(bystander.Client, "/api/inbox", l => l.GetArrayLength() == 1))[0];
        Assert.That(mention.Str("type"), Is.EqualTo("mentioned"));
        Assert.That(mention.GetProperty("details").Str("comment_id"), Is.Not.Empty);

        // The owner moves the issue: the assignee (follower) gets the change with from/to.
        await owner.Client.PutAsync($"/api/issues/{issue.Id()}", new { status = "in_progress" }).ExpectAsync(HttpStatusCode.OK);
        inbox = await EventuallyAsync(member.Client, "/api/inbox", l => l.GetArrayLength() == 2);
        var status = inbox.Items().Single(i => i.Str("type") == "status_changed");
        Assert.That(status.GetProperty("details").Str("from"), Is.EqualTo("todo"));
        Assert.That(status.GetProperty("details").Str("to"), Is.EqualTo("in_progress"));
        Assert.That(inbox[0].Id(), Is.EqualTo(status.Id()), "newest first");
        Assert.That(inbox.Items().All(i => i.Str("issue_status") == "in_progress"));
        Assert.That((await owner.Client.GetAsync("/api/inbox").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.EqualTo(1),
            "the actor is never notified of its own change");
    }

    [Test]
    public async Task Inbox_ReadArchiveAndBulk_OnlyOnOwnItems()
    {
        var owner = await OwnerAsync();
        var member = await MemberAsync(owner.WorkspaceId);
        var first = await CreateAssignedIssueAsync(owner, member.Id);
        var second = await CreateAssignedIssueAsync(owner, member.Id);
        var third = await CreateAssignedIssueAsync(owner, member.Id);
        var inbox = await EventuallyAsync(member.Client, "/api/inbox", l => l.GetArrayLength() == 3);
        var itemOf = (JsonElement issue) => inbox.Items().Single(i => i.Id("issue_id") == issue.Id());

        // Someone else's item (even the owner's own view of the workspace) is not found.
        await owner.Client.PostAsync($"/api/inbox/{itemOf(first).Id()}/read").ExpectErrorAsync(HttpStatusCode.NotFound, "inbox item not found");
        await member.Client.PostAsync($"/api/inbox/{Guid.NewGuid()}/archive").ExpectErrorAsync(HttpStatusCode.NotFound, "inbox item not found");
        await member.Client.PostAsync("/api/inbox/garbage/read").ExpectErrorAsync(HttpStatusCode.NotFound, "inbox item not found");
        var outsider = await OwnerAsync();
        await outsider.Client.GetAsync("/api/inbox").ExpectAsync(HttpStatusCode.OK);
        var foreign = WorkspaceClient(outsider.User.Jwt, owner.WorkspaceId);
        await foreign.GetAsync("/api/inbox").ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");

        var read = await member.Client.PostAsync($"/api/inbox/{itemOf(first).Id()}/read").ExpectAsync(HttpStatusCode.OK);
        Assert.That(read.GetProperty("read").GetBoolean(), Is.True);
        Assert.That(read.Str("issue_status"), Is.EqualTo("todo"));
        var readEvent = await EventAsync("inbox:read", e => e.UserId == member.Id);
        Assert.That(readEvent.PayloadJson().Id("item_id"), Is.EqualTo(itemOf(first).Id()));

        var archived = await member.Client.PostAsync($"/api/inbox/{itemOf(second).Id()}/archive").ExpectAsync(HttpStatusCode.OK);
        Assert.That(archived.GetProperty("archived").GetBoolean(), Is.True);
        await EventAsync("inbox:archived", e => e.UserId == member.Id);
        var listed = await member.Client.GetAsync("/api/inbox").ExpectAsync(HttpStatusCode.OK);
        Assert.That(listed.Items().Select(i => i.Id("issue_id")), Is.EquivalentTo(new[] { first.Id(), third.Id() }));

        await owner.Client.PutAsync($"/api/issues/{third.Id()}", new { status = "done" }).ExpectAsync(HttpStatusCode.OK);
        await EventuallyAsync(member.Client, "/api/inbox", l => l.GetArrayLength() == 3);
        var completed = await member.Client.PostAsync("/api/inbox/archive-completed").ExpectAsync(HttpStatusCode.OK);
        Assert.That(completed.GetProperty("count").GetInt32(), Is.EqualTo(2), "both items of the done issue");
        var markAll = await member.Client.PostAsync("/api/inbox/mark-all-read").ExpectAsync(HttpStatusCode.OK);
        Assert.That(markAll.GetProperty("count").GetInt32(), Is.Zero, "the only one left was already read");
        await EventAsync("inbox:batch-read", e => e.UserId == member.Id);
        var archiveRead = await member.Client.PostAsync("/api/inbox/archive-all-read").ExpectAsync(HttpStatusCode.OK);
        Assert.That(archiveRead.GetProperty("count").GetInt32(), Is.EqualTo(1));
        await EventAsync("inbox:batch-archived", e => e.UserId == member.Id);
        Assert.That((await member.Client.GetAsync("/api/inbox").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.Zero);
        Assert.That((await member.Client.PostAsync("/api/inbox/archive-all").ExpectAsync(HttpStatusCode.OK)).GetProperty("count").GetInt32(),
            Is.Zero);
    }

    [Test]
    public async Task Timeline_MergesActivityAndComments_InOrder()
    {
        var owner = await OwnerAsync();
        var member = await MemberAsync(owner.WorkspaceId);
        var issue = await CreateIssueAsync(owner.Client);
        await EventuallyAsync(owner.Client, $"/api/issues/{issue.Id()}/timeline", l => l.GetArrayLength() == 1);
        await owner.Client.PutAsync($"/api/issues/{issue.Id()}", new { status = "in_progress", priority = "high" }).ExpectAsync(HttpStatusCode.OK);
        await EventuallyAsync(owner.Client, $"/api/issues/{issue.Id()}/timeline", l => l.GetArrayLength() == 3);
        await CommentAsync(owner.Client, issue.Id(), "a comment");
        await owner.Client.PutAsync($"/api/issues/{issue.Id()}", new { assignee_type = "member", assignee_id = member.Id })
            .ExpectAsync(HttpStatusCode.OK);

        var timeline = await EventuallyAsync(owner.Client, $"/api/issues/{issue.Id()}/timeline", l => l.GetArrayLength() == 5);
        var kinds = timeline.Items().Select(e => e.Str("type") == "comment" ? "comment" : e.Str("action")).ToList();
        Assert.That(kinds[0], Is.EqualTo("created"));
        Assert.That(kinds[1..3], Is.EquivalentTo(new[] { "status_changed", "priority_changed" }));
        Assert.That(kinds[3..], Is.EqualTo(new[] { "comment", "assignee_changed" }));
        var status = timeline.Items().Single(e => e.Str("type") == "activity" && e.Str("action") == "status_changed");
        Assert.That(status.GetProperty("details").Str("from"), Is.EqualTo("todo"));
        Assert.That(status.GetProperty("details").Str("to"), Is.EqualTo("in_progress"));
        Assert.That(status.Id("actor_id"), Is.EqualTo(owner.Id));
        Assert.That(status.TryGetProperty("content", out _), Is.False, "comment fields are omitted on activity");
        var assignee = timeline[4].GetProperty("details");
        Assert.That(assignee.Str("to_type"), Is.EqualTo("member"));
        Assert.That(assignee.Id("to_id"), Is.EqualTo(member.Id));
        var comment = timeline[3];
        Assert.That(comment.Str("content"), Is.EqualTo("a comment"));
        Assert.That(comment.Str("comment_type"), Is.EqualTo("comment"));
        Assert.That(comment.TryGetProperty("action", out _), Is.False);

        var evt = await EventAsync("activity:created", e => e.PayloadJson().Str("issue_id") == issue.Id().ToString()
            && e.PayloadJson().GetProperty("entry").Str("action") == "assignee_changed");
        Assert.That(evt.WorkspaceId, Is.EqualTo(owner.WorkspaceId));

        var frequency = await owner.Client.GetAsync("/api/assignee-frequency").ExpectAsync(HttpStatusCode.OK);
        Assert.That(frequency.Items().Single().Id("assignee_id"), Is.EqualTo(member.Id));
        Assert.That(frequency[0].GetProperty("frequency").GetInt64(), Is.EqualTo(2), "one assignee change plus one created issue now assigned");
        Assert.That((await member.Client.GetAsync("/api/assignee-frequency").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.Zero);
    }
}
