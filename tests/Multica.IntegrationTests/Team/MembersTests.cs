using System.Net;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.Support.WorkspaceData;
using static Multica.IntegrationTests.Team.TeamData;

namespace Multica.IntegrationTests.Team;

public sealed class MembersTests
{
    [Test]
    public async Task Invitation_CreateListAcceptJoin_WithEvents()
    {
        var owner = await OwnerAsync();
        var invitee = await TestData.SignInAsync();
        var ws = owner.WorkspaceId;

        var invitation = await owner.User.Client.PostAsync($"/api/workspaces/{ws}/members", new { email = invitee.Email.ToUpperInvariant(), role = "admin" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.That(invitation.Str("invitee_email"), Is.EqualTo(invitee.Email.ToLowerInvariant()));
        Assert.That(invitation.Id("invitee_user_id"), Is.EqualTo(invitee.Id));
        Assert.That(invitation.Str("status"), Is.EqualTo("pending"));
        Assert.That(invitation.Str("role"), Is.EqualTo("admin"));
        var created = await EventAsync("invitation:created", e => e.UserId == invitee.Id);
        Assert.That(created.PayloadJson().GetProperty("invitation").Id(), Is.EqualTo(invitation.Id()));

        await owner.User.Client.PostAsync($"/api/workspaces/{ws}/members", new { email = invitee.Email })
            .ExpectErrorAsync(HttpStatusCode.Conflict, "invitation already pending for this email");
        var listed = await owner.User.Client.GetAsync($"/api/workspaces/{ws}/invitations").ExpectAsync(HttpStatusCode.OK);
        Assert.That(listed.Items().Single().Str("inviter_email"), Is.EqualTo(owner.User.Email));

        var mine = await invitee.Client.GetAsync("/api/invitations").ExpectAsync(HttpStatusCode.OK);
        Assert.That(mine.Items().Single().Id(), Is.EqualTo(invitation.Id()));
        Assert.That(mine[0].Str("workspace_name"), Does.StartWith("Test "));
        var one = await invitee.Client.GetAsync($"/api/invitations/{invitation.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(one.Str("inviter_email"), Is.EqualTo(owner.User.Email));

        var stranger = await TestData.SignInAsync();
        await stranger.Client.PostAsync($"/api/invitations/{invitation.Id()}/accept")
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "invitation does not belong to you");
        await stranger.Client.GetAsync($"/api/invitations/{Guid.NewGuid()}").ExpectErrorAsync(HttpStatusCode.NotFound, "invitation not found");
        await invitee.Client.GetAsync($"/api/workspaces/{ws}/members").ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");

        var member = await invitee.Client.PostAsync($"/api/invitations/{invitation.Id()}/accept").ExpectAsync(HttpStatusCode.OK);
        Assert.That(member.Id("user_id"), Is.EqualTo(invitee.Id));
        Assert.That(member.Str("role"), Is.EqualTo("admin"));
        Assert.That(member.Str("email"), Is.EqualTo(invitee.Email));
        var members = await invitee.Client.GetAsync($"/api/workspaces/{ws}/members").ExpectAsync(HttpStatusCode.OK);
        Assert.That(members.GetArrayLength(), Is.EqualTo(2));
        await EventAsync("member:added", e => e.WorkspaceId == ws && e.UserId == invitee.Id);
        await EventAsync("invitation:accepted", e => e.WorkspaceId == ws);
        Assert.That((await invitee.Client.GetAsync("/api/invitations").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.Zero);
        await invitee.Client.PostAsync($"/api/invitations/{invitation.Id()}/accept")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invitation is not pending");
        await owner.User.Client.PostAsync($"/api/workspaces/{ws}/members", new { email = invitee.Email })
            .ExpectErrorAsync(HttpStatusCode.Conflict, "user is already a member");
    }

    [TestCase("{\"email\":\"  \"}", HttpStatusCode.BadRequest, "email is required")]
    [TestCase("{\"email\":\"a@b.test\",\"role\":\"owner\"}", HttpStatusCode.BadRequest, "cannot invite as owner")]
    [TestCase("{\"email\":\"a@b.test\",\"role\":\"boss\"}", HttpStatusCode.BadRequest, "invalid member role")]
    [TestCase("{\"email\":5}", HttpStatusCode.BadRequest, "invalid request body")]
    public async Task Invitation_BadInput(string body, HttpStatusCode status, string error)
    {
        var owner = await OwnerAsync();
        await owner.User.Client.PostRawAsync($"/api/workspaces/{owner.WorkspaceId}/members", body).ExpectErrorAsync(status, error);
    }

    [Test]
    public async Task Invitation_DeclineRevoke_AndOnlyAdminsInvite()
    {
        var owner = await OwnerAsync();
        var ws = owner.WorkspaceId;
        var plain = await MemberAsync(ws);
        await plain.User.Client.PostAsync($"/api/workspaces/{ws}/members", new { email = TestData.UniqueEmail() })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "insufficient permissions");

        // Invited before signing up: the invitation finds the user by e-mail.
        var email = TestData.UniqueEmail();
        var early = await owner.User.Client.PostAsync($"/api/workspaces/{ws}/members", new { email }).ExpectAsync(HttpStatusCode.Created);
        Assert.That(early.GetProperty("invitee_user_id").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(early.Str("role"), Is.EqualTo("member"));
        var later = await TestData.SignInAsync(email);
        Assert.That((await later.Client.GetAsync("/api/invitations").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.EqualTo(1));
        await later.Client.PostAsync($"/api/invitations/{early.Id()}/decline").ExpectAsync(HttpStatusCode.NoContent);
        await EventAsync("invitation:declined", e => e.WorkspaceId == ws);
        Assert.That((await later.Client.GetAsync("/api/invitations").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.Zero);
        await later.Client.PostAsync($"/api/invitations/{early.Id()}/decline").ExpectErrorAsync(HttpStatusCode.BadRequest, "invitation is not pending");

        var invitee = await TestData.SignInAsync();
        var revoked = await owner.User.Client.PostAsync($"/api/workspaces/{ws}/members", new { email = invitee.Email }).ExpectAsync(HttpStatusCode.Created);
        var other = await OwnerAsync();
        await other.User.Client.DeleteAsync($"/api/workspaces/{ws}/invitations/{revoked.Id()}")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        await other.User.Client.DeleteAsync($"/api/workspaces/{other.WorkspaceId}/invitations/{revoked.Id()}")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "invitation not found");
        await owner.User.Client.DeleteAsync($"/api/workspaces/{ws}/invitations/{revoked.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        await EventAsync("invitation:revoked", e => e.UserId == invitee.Id);
        Assert.That((await invitee.Client.GetAsync("/api/invitations").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.Zero);
        await owner.User.Client.DeleteAsync($"/api/workspaces/{ws}/invitations/{revoked.Id()}")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "invitation not found");
    }

    [Test]
    public async Task Roles_OwnerRules_RemoveAndLeave()
    {
        var owner = await OwnerAsync();
        var ws = owner.WorkspaceId;
        var admin = await MemberAsync(ws, "admin");
        var member = await MemberAsync(ws);
        var members = await owner.User.Client.GetAsync($"/api/workspaces/{ws}/members").ExpectAsync(HttpStatusCode.OK);
        Guid MemberId(Guid userId) => members.Items().Single(m => m.Id("user_id") == userId).Id();

        await admin.User.Client.PatchAsync($"/api/workspaces/{ws}/members/{MemberId(member.Id)}", new { role = "owner" })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "insufficient permissions");
        await admin.User.Client.PatchAsync($"/api/workspaces/{ws}/members/{MemberId(owner.Id)}", new { role = "member" })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "insufficient permissions");
        await member.User.Client.PatchAsync($"/api/workspaces/{ws}/members/{MemberId(admin.Id)}", new { role = "member" })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "insufficient permissions");
        await admin.User.Client.PatchAsync($"/api/workspaces/{ws}/members/{MemberId(member.Id)}", new { role = "" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "role is required");
        await admin.User.Client.PatchAsync($"/api/workspaces/{ws}/members/{MemberId(member.Id)}", new { role = "chief" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid member role");
        await admin.User.Client.PatchAsync($"/api/workspaces/{ws}/members/{Guid.NewGuid()}", new { role = "admin" })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "member not found");
        await owner.User.Client.PatchAsync($"/api/workspaces/{ws}/members/{MemberId(owner.Id)}", new { role = "admin" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "workspace must have at least one owner");

        var promoted = await admin.User.Client.PatchAsync($"/api/workspaces/{ws}/members/{MemberId(member.Id)}", new { role = "admin" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(promoted.Str("role"), Is.EqualTo("admin"));
        await EventAsync("member:updated", e => e.WorkspaceId == ws);
        // The new admin's next request already carries the new role.
        await member.User.Client.PostAsync($"/api/workspaces/{ws}/members", new { email = TestData.UniqueEmail() }).ExpectAsync(HttpStatusCode.Created);

        await admin.User.Client.DeleteAsync($"/api/workspaces/{ws}/members/{MemberId(owner.Id)}")
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "insufficient permissions");
        await admin.User.Client.DeleteAsync($"/api/workspaces/{ws}/members/{MemberId(member.Id)}").ExpectAsync(HttpStatusCode.NoContent);
        await EventAsync("member:removed", e => e.WorkspaceId == ws && e.PayloadJson().Id("user_id") == member.Id);
        await member.Client.GetAsync("/api/issues").ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");

        // Another workspace's owner cannot touch these members.
        var other = await OwnerAsync();
        await other.User.Client.DeleteAsync($"/api/workspaces/{ws}/members/{MemberId(admin.Id)}").ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        await other.User.Client.DeleteAsync($"/api/workspaces/{other.WorkspaceId}/members/{MemberId(admin.Id)}")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "member not found");

        await owner.User.Client.PostAsync($"/api/workspaces/{ws}/leave").ExpectErrorAsync(HttpStatusCode.BadRequest, "workspace must have at least one owner");
        await admin.User.Client.PostAsync($"/api/workspaces/{ws}/leave").ExpectAsync(HttpStatusCode.NoContent);
        await admin.Client.GetAsync("/api/issues").ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        Assert.That((await owner.User.Client.GetAsync($"/api/workspaces/{ws}/members").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.EqualTo(1));
    }

    /// <summary>
    /// A workspace deleted while the reactions to its new issues and comments (followers, activity, inbox) are
    /// still being written: the delete waits for them or they find the workspace gone; it never fails.
    /// </summary>
    [Test]
    public async Task DeleteWorkspace_WhileReactionsToItsNewIssuesRun_Succeeds()
    {
        for (var round = 0; round < 8; round++)
        {
            var owner = await OwnerAsync();
            var member = await MemberAsync(owner.WorkspaceId);
            var issues = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => CreateIssueAsync(owner.Client)));
            await Task.WhenAll(issues.Select(i =>
                CommentAsync(member.Client, Guid.Parse(i.Str("id")!), MemberMention(owner.Id) + " please look")));
            await owner.User.Client.DeleteAsync($"/api/workspaces/{owner.WorkspaceId}").ExpectAsync(HttpStatusCode.NoContent);
        }
    }

    [Test]
    public async Task DeleteWorkspace_OwnerOnly()
    {
        var owner = await OwnerAsync();
        var ws = owner.WorkspaceId;
        var admin = await MemberAsync(ws, "admin");
        await CreateIssueAsync(owner.Client);
        await admin.User.Client.DeleteAsync($"/api/workspaces/{ws}").ExpectErrorAsync(HttpStatusCode.Forbidden, "insufficient permissions");
        await owner.User.Client.DeleteAsync($"/api/workspaces/{ws}").ExpectAsync(HttpStatusCode.NoContent);
        await EventAsync("workspace:deleted", e => e.WorkspaceId == ws);
        await owner.User.Client.GetAsync($"/api/workspaces/{ws}").ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        await admin.Client.GetAsync("/api/issues").ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        var list = await owner.User.Client.GetAsync("/api/workspaces").ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.Items().Any(w => w.Id() == ws), Is.False);
    }
}
