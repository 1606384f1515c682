using System.Net;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.Support.WorkspaceData;
using static Multica.IntegrationTests.Team.TeamData;

namespace Multica.IntegrationTests.Team;

public sealed class ReactionsTests
{
    [Test]
    public async Task CommentReactions_AddIsIdempotent_ShowInListsAndTimeline_RemoveClears()
    {
        var owner = await OwnerAsync();
        var member = await MemberAsync(owner.WorkspaceId);
        var issue = (await CreateIssueAsync(owner.Client)).Id();
        var comment = (await CommentAsync(owner.Client, issue, "hello")).Id();

        var added = await member.Client.PostAsync($"/api/comments/{comment}/reactions", new { emoji = "👍" }).ExpectAsync(HttpStatusCode.Created);
        Assert.That(added.Id("comment_id"), Is.EqualTo(comment));
        Assert.That(added.Str("actor_type"), Is.EqualTo("member"));
        Assert.That(added.Id("actor_id"), Is.EqualTo(member.Id));
        Assert.That(added.Str("emoji"), Is.EqualTo("👍"));
        var evt = (await EventAsync("reaction:added", e => e.WorkspaceId == owner.WorkspaceId)).PayloadJson();
        Assert.That(evt.GetProperty("reaction").Id(), Is.EqualTo(added.Id()));
        Assert.That(evt.Id("issue_id"), Is.EqualTo(issue));
        Assert.That(evt.Id("comment_author_id"), Is.EqualTo(owner.Id));

        var again = await member.Client.PostAsync($"/api/comments/{comment}/reactions", new { emoji = "👍" }).ExpectAsync(HttpStatusCode.Created);
        Assert.That(again.Id(), Is.EqualTo(added.Id()), "a repeated reaction returns the existing row");
        await owner.Client.PostAsync($"/api/comments/{comment}/reactions", new { emoji = "🎉" }).ExpectAsync(HttpStatusCode.Created);

        var listed = (await owner.Client.GetAsync($"/api/issues/{issue}/comments").ExpectAsync(HttpStatusCode.OK)).Items().Single();
        Assert.That(listed.GetProperty("reactions").Items().Select(r => r.Str("emoji")), Is.EqualTo(new[] { "👍", "🎉" }));
        var entry = (await owner.Client.GetAsync($"/api/issues/{issue}/timeline").ExpectAsync(HttpStatusCode.OK)).Items()
            .Single(e => e.Str("type") == "comment");
        Assert.That(entry.GetProperty("reactions").GetArrayLength(), Is.EqualTo(2));

        await member.Client.DeleteAsync($"/api/comments/{comment}/reactions", new { emoji = "👍" }).ExpectAsync(HttpStatusCode.NoContent);
        var removed = (await EventAsync("reaction:removed", e => e.WorkspaceId == owner.WorkspaceId)).PayloadJson();
        Assert.That(removed.Str("emoji"), Is.EqualTo("👍"));
        Assert.That(removed.Id("actor_id"), Is.EqualTo(member.Id));
        listed = (await owner.Client.GetAsync($"/api/issues/{issue}/comments").ExpectAsync(HttpStatusCode.OK)).Items().Single();
        Assert.That(listed.GetProperty("reactions").Items().Select(r => r.Str("emoji")), Is.EqualTo(new[] { "🎉" }));
        // Removing a reaction the caller does not have is not an error.
        await member.Client.DeleteAsync($"/api/comments/{comment}/reactions", new { emoji = "👍" }).ExpectAsync(HttpStatusCode.NoContent);
        await owner.Client.DeleteAsync($"/api/comments/{comment}/reactions", new { emoji = "🎉" }).ExpectAsync(HttpStatusCode.NoContent);
        var timeline = await owner.Client.GetAsync($"/api/issues/{issue}/timeline").ExpectAsync(HttpStatusCode.OK);
        Assert.That(timeline.Items().Single(e => e.Str("type") == "comment").TryGetProperty("reactions", out _), Is.False,
            "the timeline omits an empty reaction list");
    }

    [Test]
    public async Task IssueReactions_AddShowsInGetIssue_RemoveClears()
    {
        var owner = await OwnerAsync();
        var issue = (await CreateIssueAsync(owner.Client)).Id();
        var plain = await owner.Client.GetAsync($"/api/issues/{issue}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(plain.TryGetProperty("reactions", out _), Is.False, "no reactions field without reactions");

        var added = await owner.Client.PostAsync($"/api/issues/{issue}/reactions", new { emoji = "🚀" }).ExpectAsync(HttpStatusCode.Created);
        Assert.That(added.Id("issue_id"), Is.EqualTo(issue));
        Assert.That(added.Id("actor_id"), Is.EqualTo(owner.Id));
        var evt = (await EventAsync("issue_reaction:added", e => e.WorkspaceId == owner.WorkspaceId)).PayloadJson();
        Assert.That(evt.GetProperty("reaction").Id(), Is.EqualTo(added.Id()));
        Assert.That(evt.Id("creator_id"), Is.EqualTo(owner.Id));
        var again = await owner.Client.PostAsync($"/api/issues/{issue}/reactions", new { emoji = "🚀" }).ExpectAsync(HttpStatusCode.Created);
        Assert.That(again.Id(), Is.EqualTo(added.Id()));

        var got = await owner.Client.GetAsync($"/api/issues/{issue}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(got.GetProperty("reactions").Items().Select(r => r.Id()), Is.EqualTo(new[] { added.Id() }));

        await owner.Client.DeleteAsync($"/api/issues/{issue}/reactions", new { emoji = "🚀" }).ExpectAsync(HttpStatusCode.NoContent);
        var removed = (await EventAsync("issue_reaction:removed", e => e.WorkspaceId == owner.WorkspaceId)).PayloadJson();
        Assert.That(removed.Id("issue_id"), Is.EqualTo(issue));
        got = await owner.Client.GetAsync($"/api/issues/{issue}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(got.TryGetProperty("reactions", out _), Is.False);
    }

    [Test]
    public async Task Reactions_BadInput_AndOtherWorkspaces()
    {
        var owner = await OwnerAsync();
        var other = await OwnerAsync();
        var issue = (await CreateIssueAsync(owner.Client)).Id();
        var comment = (await CommentAsync(owner.Client, issue, "hi")).Id();
        var foreignIssue = (await CreateIssueAsync(other.Client)).Id();
        var foreignComment = (await CommentAsync(other.Client, foreignIssue, "theirs")).Id();

        await owner.Client.PostAsync($"/api/comments/{comment}/reactions", new { emoji = "" }).ExpectErrorAsync(HttpStatusCode.BadRequest, "emoji is required");
        await owner.Client.PostAsync($"/api/issues/{issue}/reactions", new { }).ExpectErrorAsync(HttpStatusCode.BadRequest, "emoji is required");
        await owner.Client.DeleteAsync($"/api/issues/{issue}/reactions", new { emoji = "" }).ExpectErrorAsync(HttpStatusCode.BadRequest, "emoji is required");
        await owner.Client.PostRawAsync($"/api/issues/{issue}/reactions", "{").ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");

        await owner.Client.PostAsync($"/api/comments/{foreignComment}/reactions", new { emoji = "👍" }).ExpectErrorAsync(HttpStatusCode.NotFound, "comment not found");
        await owner.Client.DeleteAsync($"/api/comments/{foreignComment}/reactions", new { emoji = "👍" }).ExpectErrorAsync(HttpStatusCode.NotFound, "comment not found");
        await owner.Client.PostAsync("/api/comments/not-a-uuid/reactions", new { emoji = "👍" }).ExpectErrorAsync(HttpStatusCode.NotFound, "comment not found");
        await owner.Client.PostAsync($"/api/issues/{foreignIssue}/reactions", new { emoji = "👍" }).ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
        await owner.Client.DeleteAsync($"/api/issues/{foreignIssue}/reactions", new { emoji = "👍" }).ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
    }
}
