using System.Net;
using System.Text;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.Support.WorkspaceData;
using static Multica.IntegrationTests.Team.TeamData;

namespace Multica.IntegrationTests.Team;

public sealed class AttachmentsTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3, 4];

    /// <summary>Two owners of their own workspaces; the first's workspace has an issue with a comment.</summary>
    private static async Task<(WorkspaceUser Owner, WorkspaceUser Other, Guid Issue, Guid Comment)> TwoWorkspacesAsync()
    {
        var owner = await OwnerAsync();
        var other = await OwnerAsync();
        var issue = (await CreateIssueAsync(owner.Client)).Id();
        var comment = (await CommentAsync(owner.Client, issue, "mine")).Id();
        return (owner, other, issue, comment);
    }

    private static string DiskPath(string url) =>
        Path.Combine(TestEnvironment.Factory.UploadDirectory, url[(url.IndexOf("/uploads/", StringComparison.Ordinal) + "/uploads/".Length)..]);

    [Test]
    public async Task Upload_ListGetServe_AndDeleteByUploaderOrAdmin()
    {
        var owner = await OwnerAsync();
        var member = await MemberAsync(owner.WorkspaceId);
        var issue = (await CreateIssueAsync(owner.Client)).Id();

        var uploaded = await member.Client.UploadAsync("/api/upload-file", Png, "shot.PNG", ("issue_id", issue.ToString())).ExpectAsync(HttpStatusCode.OK);
        var id = uploaded.Id();
        Assert.That(uploaded.Id("workspace_id"), Is.EqualTo(owner.WorkspaceId));
        Assert.That(uploaded.Id("issue_id"), Is.EqualTo(issue));
        Assert.That(uploaded.GetProperty("comment_id").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(uploaded.Str("uploader_type"), Is.EqualTo("member"));
        Assert.That(uploaded.Id("uploader_id"), Is.EqualTo(member.Id));
        Assert.That(uploaded.Str("filename"), Is.EqualTo("shot.PNG"));
        Assert.That(uploaded.Str("content_type"), Is.EqualTo("image/png"), "judged from the bytes");
        Assert.That(uploaded.GetProperty("size_bytes").GetInt64(), Is.EqualTo(Png.Length));
        var url = uploaded.Str("url");
        Assert.That(url, Is.EqualTo($"/uploads/workspaces/{owner.WorkspaceId}/{id}.png"));
        Assert.That(uploaded.Str("download_url"), Is.EqualTo(url));
        Assert.That(File.ReadAllBytes(DiskPath(url)), Is.EqualTo(Png));

        var listed = await owner.Client.GetAsync($"/api/issues/{issue}/attachments").ExpectAsync(HttpStatusCode.OK);
        Assert.That(listed.Items().Select(a => a.Id()), Is.EqualTo(new[] { id }));
        var got = await owner.Client.GetAsync($"/api/attachments/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(got.Str("url"), Is.EqualTo(url));
        var onIssue = await owner.Client.GetAsync($"/api/issues/{issue}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(onIssue.GetProperty("attachments").Items().Select(a => a.Id()), Is.EqualTo(new[] { id }));

        using (var served = await owner.Client.GetAsync(url))
        {
            Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await served.Content.ReadAsByteArrayAsync(), Is.EqualTo(Png));
            Assert.That(served.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/png"));
            Assert.That(served.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(served.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("inline"));
        }

        // Another plain member may not delete it; the uploader may, and so may an admin.
        var other = await MemberAsync(owner.WorkspaceId);
        await other.Client.DeleteAsync($"/api/attachments/{id}").ExpectErrorAsync(HttpStatusCode.Forbidden, "not authorized to delete this attachment");
        await member.Client.DeleteAsync($"/api/attachments/{id}").ExpectAsync(HttpStatusCode.NoContent);
        await owner.Client.GetAsync($"/api/attachments/{id}").ExpectErrorAsync(HttpStatusCode.NotFound, "attachment not found");
        await owner.Client.GetAsync(url).ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        Assert.That(File.Exists(DiskPath(url)), Is.False, "the stored file goes with the attachment");

        var second = (await member.Client.UploadAsync("/api/upload-file", Png, "b.png").ExpectAsync(HttpStatusCode.OK)).Id();
        var admin = await MemberAsync(owner.WorkspaceId, "admin");
        await admin.Client.DeleteAsync($"/api/attachments/{second}").ExpectAsync(HttpStatusCode.NoContent);
        Assert.That((await owner.Client.GetAsync($"/api/issues/{issue}").ExpectAsync(HttpStatusCode.OK)).TryGetProperty("attachments", out _), Is.False,
            "no attachments key without attachments");
    }

    [Test]
    public async Task AttachmentIds_LinkUploadsToNewIssuesAndComments_AndDeletionRemovesFiles()
    {
        var owner = await OwnerAsync();
        var forIssue = await owner.Client.UploadAsync("/api/upload-file", Png, "spec.png").ExpectAsync(HttpStatusCode.OK);
        var created = await owner.Client.PostAsync("/api/issues", new { title = "with file", attachment_ids = new[] { forIssue.Id() } })
            .ExpectAsync(HttpStatusCode.Created);
        var issue = created.Id();
        Assert.That(created.GetProperty("attachments").Items().Single().Id("issue_id"), Is.EqualTo(issue));

        var forComment = await owner.Client.UploadAsync("/api/upload-file", Encoding.UTF8.GetBytes("log line\n"), "run.log",
            ("issue_id", issue.ToString())).ExpectAsync(HttpStatusCode.OK);
        Assert.That(forComment.Str("content_type"), Is.EqualTo("text/plain; charset=utf-8"));
        var comment = await owner.Client.PostAsync($"/api/issues/{issue}/comments", new { content = "see file", attachment_ids = new[] { forComment.Id() } })
            .ExpectAsync(HttpStatusCode.Created);
        var linked = comment.GetProperty("attachments").Items().Single();
        Assert.That(linked.Id(), Is.EqualTo(forComment.Id()));
        Assert.That(linked.Id("comment_id"), Is.EqualTo(comment.Id()));
        var evt = (await EventAsync("comment:created", e => e.WorkspaceId == owner.WorkspaceId)).PayloadJson();
        Assert.That(evt.GetProperty("comment").GetProperty("attachments").Items().Single().Id(), Is.EqualTo(forComment.Id()));

        var listedComment = (await owner.Client.GetAsync($"/api/issues/{issue}/comments").ExpectAsync(HttpStatusCode.OK)).Items().Single();
        Assert.That(listedComment.GetProperty("attachments").Items().Single().Id(), Is.EqualTo(forComment.Id()));
        var entry = (await owner.Client.GetAsync($"/api/issues/{issue}/timeline").ExpectAsync(HttpStatusCode.OK)).Items().Single(e => e.Str("type") == "comment");
        Assert.That(entry.GetProperty("attachments").Items().Single().Id(), Is.EqualTo(forComment.Id()));
        // The issue's own list is the issue-level files (both carry issue_id; the comment's file is also the issue's).
        Assert.That((await owner.Client.GetAsync($"/api/issues/{issue}/attachments").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.EqualTo(2));

        // Deleting the comment removes its file; deleting the issue removes the rest.
        await owner.Client.DeleteAsync($"/api/comments/{comment.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        Assert.That(File.Exists(DiskPath(forComment.Str("url"))), Is.False);
        Assert.That(File.Exists(DiskPath(forIssue.Str("url"))), Is.True);
        await owner.Client.DeleteAsync($"/api/issues/{issue}").ExpectAsync(HttpStatusCode.NoContent);
        Assert.That(File.Exists(DiskPath(forIssue.Str("url"))), Is.False);
        await owner.Client.GetAsync($"/api/attachments/{forIssue.Id()}").ExpectErrorAsync(HttpStatusCode.NotFound, "attachment not found");
    }

    [Test]
    public async Task DeletingTheWorkspace_RemovesItsStoredFiles_AndNoOtherWorkspaces()
    {
        var (owner, other, issue, comment) = await TwoWorkspacesAsync();
        var unlinked = await owner.Client.UploadAsync("/api/upload-file", Png, "draft.png").ExpectAsync(HttpStatusCode.OK);
        var onIssue = await owner.Client.UploadAsync("/api/upload-file", Png, "issue.png", ("issue_id", issue.ToString())).ExpectAsync(HttpStatusCode.OK);
        var onComment = await owner.Client.UploadAsync("/api/upload-file", Png, "comment.png", ("comment_id", comment.ToString()))
            .ExpectAsync(HttpStatusCode.OK);
        var elsewhere = await other.Client.UploadAsync("/api/upload-file", Png, "kept.png").ExpectAsync(HttpStatusCode.OK);
        var mine = new[] { unlinked, onIssue, onComment }.Select(a => DiskPath(a.Str("url"))).ToList();
        Assert.That(mine.All(File.Exists), Is.True, "stored before the delete");

        await owner.User.Client.DeleteAsync($"/api/workspaces/{owner.WorkspaceId}").ExpectAsync(HttpStatusCode.NoContent);

        Assert.That(mine.Where(File.Exists), Is.Empty, "the workspace's files go with it");
        Assert.That(File.Exists(DiskPath(elsewhere.Str("url"))), Is.True, "another workspace's file stays");
        using var served = await other.Client.GetAsync(elsewhere.Str("url"));
        Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task OtherWorkspaces_SeeNothing_AndStrangersGetNoFiles()
    {
        var (owner, other, issue, comment) = await TwoWorkspacesAsync();
        var uploaded = await owner.Client.UploadAsync("/api/upload-file", Png, "a.png", ("issue_id", issue.ToString())).ExpectAsync(HttpStatusCode.OK);
        var url = uploaded.Str("url");

        await other.Client.GetAsync($"/api/attachments/{uploaded.Id()}").ExpectErrorAsync(HttpStatusCode.NotFound, "attachment not found");
        await other.Client.DeleteAsync($"/api/attachments/{uploaded.Id()}").ExpectErrorAsync(HttpStatusCode.NotFound, "attachment not found");
        await other.Client.GetAsync($"/api/issues/{issue}/attachments").ExpectErrorAsync(HttpStatusCode.NotFound, "issue not found");
        await other.Client.GetAsync(url).ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        await other.Client.UploadAsync("/api/upload-file", Png, "x.png", ("issue_id", issue.ToString()))
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "invalid issue_id");
        await other.Client.UploadAsync("/api/upload-file", Png, "x.png", ("comment_id", comment.ToString()))
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "invalid comment_id");
        // Selecting a workspace one is not a member of.
        await WorkspaceClient(other.User.Jwt, owner.WorkspaceId).UploadAsync("/api/upload-file", Png, "x.png")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        await other.Client.GetAsync("/api/attachments/not-a-uuid").ExpectErrorAsync(HttpStatusCode.NotFound, "attachment not found");

        using var anonymous = await TestData.Anonymous().GetAsync(url);
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        // Keys this server never makes are simply not found (no path can leave the upload directory).
        await owner.Client.GetAsync($"/uploads/workspaces/{owner.WorkspaceId}/..%2F..%2Fsecret").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        await owner.Client.GetAsync("/uploads/etc/passwd").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
    }

    [Test]
    public async Task BadUploads_AndUploadsWithoutWorkspace()
    {
        var owner = await OwnerAsync();
        await owner.Client.PostAsync("/api/upload-file", new { file = "x" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "file too large or invalid multipart form");
        var form = new MultipartFormDataContent { { new StringContent("v"), "other" } };
        await owner.Client.Http.PostAsync("/api/upload-file", form).ExpectErrorAsync(HttpStatusCode.BadRequest, "missing file field: http: no such file");
        await owner.Client.UploadAsync("/api/upload-file", new byte[Support.MulticaApiFactory.UploadMaxBytes + 1], "big.bin")
            .ExpectErrorAsync(HttpStatusCode.RequestEntityTooLarge, "file too large");
        var atLimit = await owner.Client.UploadAsync("/api/upload-file", new byte[Support.MulticaApiFactory.UploadMaxBytes], "edge.bin")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(atLimit.Str("content_type"), Is.EqualTo("application/octet-stream"));

        // Script-bearing formats are stored, but served so they cannot run as pages of this origin.
        var svg = await owner.Client.UploadAsync("/api/upload-file", Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
            "x.svg").ExpectAsync(HttpStatusCode.OK);
        Assert.That(svg.Str("content_type"), Is.EqualTo("image/svg+xml"));
        using (var served = await owner.Client.GetAsync(svg.Str("url")))
            Assert.That(served.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("sandbox"));
        var html = await owner.Client.UploadAsync("/api/upload-file", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "page.html")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(html.Str("content_type"), Is.Not.EqualTo("text/html"), "the client's name does not make it a page");

        // Without a workspace (an avatar): only the stored file, served to anyone signed in.
        var avatar = await owner.User.Client.UploadAsync("/api/upload-file", Png, "me.png").ExpectAsync(HttpStatusCode.OK);
        Assert.That(avatar.Str("filename"), Is.EqualTo("me.png"));
        Assert.That(avatar.Str("link"), Does.StartWith($"/uploads/users/{owner.Id}/"));
        Assert.That(avatar.TryGetProperty("id", out _), Is.False);
        var someoneElse = await TestData.SignInAsync();
        using var seen = await someoneElse.Client.GetAsync(avatar.Str("link"));
        Assert.That(seen.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(seen.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/png"));
    }
}
