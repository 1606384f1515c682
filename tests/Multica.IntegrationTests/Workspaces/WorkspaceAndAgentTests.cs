using System.Net;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.Support.WorkspaceData;

namespace Multica.IntegrationTests.Workspaces;

public sealed class WorkspaceAndAgentTests
{
    [Test]
    public async Task UpdateWorkspace_PutAndPatch_ReplaceRepos_PublishEvent_AdminOnly()
    {
        var owner = await OwnerAsync();
        var repos = new[] { new { url = "git@github.com:acme/api.git", description = "API" } };
        var updated = await owner.User.Client.PutAsync($"/api/workspaces/{owner.WorkspaceId}",
            new { name = " Acme ", repos, settings = new { theme = "dark" }, issue_prefix = " acm " }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(updated.Str("name"), Is.EqualTo("Acme"));
        Assert.That(updated.Str("issue_prefix"), Is.EqualTo("ACM"));
        Assert.That(updated.GetProperty("repos")[0].Str("url"), Is.EqualTo("git@github.com:acme/api.git"));
        Assert.That(updated.GetProperty("settings").Str("theme"), Is.EqualTo("dark"));

        var patched = await owner.User.Client.PatchAsync($"/api/workspaces/{owner.WorkspaceId}", new { description = "d", name = (string?)null })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(patched.Str("name"), Is.EqualTo("Acme"), "null leaves the field unchanged");
        Assert.That(patched.Str("description"), Is.EqualTo("d"));
        Assert.That(patched.GetProperty("repos").GetArrayLength(), Is.EqualTo(1));
        Assert.That(TestEnvironment.Factory.Events.OfType("workspace:updated").Count(e => e.WorkspaceId == owner.WorkspaceId), Is.EqualTo(2));

        await owner.User.Client.PutAsync($"/api/workspaces/{owner.WorkspaceId}", new { name = "  " })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "name is required");
        await owner.User.Client.PutAsync($"/api/workspaces/{owner.WorkspaceId}", new { repos = "nope" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "repos must be an array");

        var member = await MemberAsync(owner.WorkspaceId);
        await member.User.Client.PutAsync($"/api/workspaces/{owner.WorkspaceId}", new { name = "x" })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "insufficient permissions");
        var stranger = await TestData.SignInAsync();
        await stranger.Client.PutAsync($"/api/workspaces/{owner.WorkspaceId}", new { name = "x" })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
    }

    [Test]
    public async Task Members_ListsOldestFirstWithUserFields()
    {
        var owner = await OwnerAsync();
        var member = await MemberAsync(owner.WorkspaceId, "admin");
        var list = await member.User.Client.GetAsync($"/api/workspaces/{owner.WorkspaceId}/members").ExpectAsync(HttpStatusCode.OK);
        var rows = list.EnumerateArray().ToList();
        Assert.That(rows.Select(r => r.Id("user_id")), Is.EqualTo(new[] { owner.Id, member.Id }));
        Assert.That(rows[0].Str("role"), Is.EqualTo("owner"));
        Assert.That(rows[1].Str("email"), Is.EqualTo(member.User.Email));
        Assert.That(rows[1].Id("workspace_id"), Is.EqualTo(owner.WorkspaceId));
    }

    [Test]
    public async Task WorkspaceSelection_SlugHeaderQueryAndErrors()
    {
        var owner = await OwnerAsync();
        var slug = (await owner.User.Client.GetAsync($"/api/workspaces/{owner.WorkspaceId}").ExpectAsync(HttpStatusCode.OK)).Str("slug");
        await owner.User.Client.GetAsync("/api/agents").ExpectErrorAsync(HttpStatusCode.BadRequest, "workspace_id or workspace_slug is required");
        await owner.User.Client.GetAsync($"/api/agents?workspace_slug={slug}").ExpectAsync(HttpStatusCode.OK);
        await owner.User.Client.GetAsync($"/api/agents?workspace_id={owner.WorkspaceId}").ExpectAsync(HttpStatusCode.OK);
        await owner.User.Client.GetAsync("/api/agents?workspace_slug=no-such-slug-anywhere").ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        var stranger = await TestData.SignInAsync();
        await WorkspaceClient(stranger.Jwt, owner.WorkspaceId).GetAsync("/api/issues").ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
    }

    [Test]
    public async Task Runtimes_ListWithOwnerMe_ShapeOfTheRuntimeObject()
    {
        var owner = await OwnerAsync();
        var other = await MemberAsync(owner.WorkspaceId);
        var mine = await CreateRuntimeAsync(owner.WorkspaceId, owner.Id, provider: "codex");
        await CreateRuntimeAsync(owner.WorkspaceId, other.Id);
        var all = await owner.Client.GetAsync("/api/runtimes").ExpectAsync(HttpStatusCode.OK);
        Assert.That(all.GetArrayLength(), Is.EqualTo(2));
        var only = (await owner.Client.GetAsync("/api/runtimes?owner=me").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Single();
        Assert.That(only.Id(), Is.EqualTo(mine));
        Assert.That(only.Str("launch_header"), Is.EqualTo("codex app-server"));
        Assert.That(only.GetProperty("metadata").Str("cli_version"), Is.EqualTo("0.2.18"));
        Assert.That(only.EnumerateObject().Count(), Is.EqualTo(14));

        var activity = await owner.Client.GetAsync($"/api/runtimes/{mine}/activity").ExpectAsync(HttpStatusCode.OK);
        Assert.That(activity.GetArrayLength(), Is.Zero);
        var stranger = await TestData.SignInAsync();
        await stranger.Client.GetAsync($"/api/runtimes/{mine}/usage").ExpectErrorAsync(HttpStatusCode.NotFound, "runtime not found");
        await owner.Client.GetAsync("/api/runtimes/not-a-uuid/activity").ExpectErrorAsync(HttpStatusCode.NotFound, "runtime not found");
    }

    [Test]
    public async Task CreateAgent_ValidationOrder_DefaultsAndStatus()
    {
        var owner = await OwnerAsync();
        var online = await CreateRuntimeAsync(owner.WorkspaceId, owner.Id);
        var offline = await CreateRuntimeAsync(owner.WorkspaceId, owner.Id, status: "offline", provider: "gemini");
        await owner.Client.PostAsync("/api/agents", new { runtime_id = online }).ExpectErrorAsync(HttpStatusCode.BadRequest, "name is required");
        await owner.Client.PostAsync("/api/agents", new { name = "a" }).ExpectErrorAsync(HttpStatusCode.BadRequest, "runtime_id is required");
        await owner.Client.PostAsync("/api/agents", new { name = "a", runtime_id = "nope" }).ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid runtime_id");
        await owner.Client.PostAsync("/api/agents", new { name = "a", runtime_id = Guid.NewGuid() }).ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid runtime_id");
        await owner.Client.PostAsync("/api/agents", new { name = "a", runtime_id = online, visibility = "public" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "visibility must be workspace or private");
        await owner.Client.PostAsync("/api/agents", new { name = new string('x', 300), runtime_id = online })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "name is too long");

        var a = await owner.Client.PostAsync("/api/agents", new { name = "Coder", runtime_id = online, max_concurrent_tasks = 0, custom_env = new { KEY = "v" } })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.That(a.Str("status"), Is.EqualTo("idle"));
        Assert.That(a.Str("visibility"), Is.EqualTo("private"));
        Assert.That(a.GetProperty("max_concurrent_tasks").GetInt32(), Is.EqualTo(6));
        Assert.That(a.GetProperty("custom_env").Str("KEY"), Is.EqualTo("v"));
        Assert.That(a.GetProperty("mcp_config").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(a.Str("model"), Is.EqualTo(""));
        Assert.That(a.GetProperty("skills").GetArrayLength(), Is.Zero);
        var b = await CreateAgentAsync(owner.Client, offline);
        Assert.That(b.Str("status"), Is.EqualTo("offline"));
        Assert.That(TestEnvironment.Factory.Events.OfType("agent:created").Count(e => e.WorkspaceId == owner.WorkspaceId), Is.EqualTo(2));
    }

    [Test]
    public async Task Agents_RedactedForNonManagers_ManagePermission()
    {
        var owner = await OwnerAsync();
        var runtime = await CreateRuntimeAsync(owner.WorkspaceId, owner.Id);
        var agent = await owner.Client.PostAsync("/api/agents", new
        {
            name = "Secretive", runtime_id = runtime, visibility = "workspace", custom_env = new { TOKEN = "s3cret" }, mcp_config = new { servers = 1 },
        }).ExpectAsync(HttpStatusCode.Created);
        var member = await MemberAsync(owner.WorkspaceId);

        var seen = await member.Client.GetAsync($"/api/agents/{agent.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(seen.GetProperty("custom_env").Str("TOKEN"), Is.EqualTo("****"));
        Assert.That(seen.GetProperty("custom_env_redacted").GetBoolean(), Is.True);
        Assert.That(seen.GetProperty("mcp_config").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(seen.GetProperty("mcp_config_redacted").GetBoolean(), Is.True);
        var own = await owner.Client.GetAsync($"/api/agents/{agent.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(own.GetProperty("custom_env").Str("TOKEN"), Is.EqualTo("s3cret"));

        await member.Client.PutAsync($"/api/agents/{agent.Id()}", new { description = "x" })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "only the agent owner can manage this agent");
        var admin = await MemberAsync(owner.WorkspaceId, "admin");
        var updated = await admin.Client.PutAsync($"/api/agents/{agent.Id()}", new { description = "x", mcp_config = (object?)null, model = "m1" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(updated.Str("description"), Is.EqualTo("x"));
        Assert.That(updated.GetProperty("mcp_config").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(updated.GetProperty("custom_env").Str("TOKEN"), Is.EqualTo("s3cret"), "omitted fields stay");
        Assert.That(updated.Str("model"), Is.EqualTo("m1"));
        await admin.Client.PutAsync($"/api/agents/{agent.Id()}", new { status = "sleeping" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "status must be one of: idle, working, blocked, error, offline");

        var other = await CreateAgentAsync(owner.Client, runtime, "Other");
        await owner.Client.PutAsync($"/api/agents/{other.Id()}", new { name = "Secretive" })
            .ExpectErrorAsync(HttpStatusCode.Conflict, "an agent named \"Secretive\" already exists in this workspace");

        var foreign = await OwnerAsync();
        await foreign.Client.GetAsync($"/api/agents/{agent.Id()}").ExpectErrorAsync(HttpStatusCode.NotFound, "agent not found");
    }

    [Test]
    public async Task ArchiveAgent_CancelsItsTasks_RestoreAndConflicts()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        var issue = (await CreateIssueAsync(owner.Client, "todo", agent)).Id();
        Assert.That((await IssueTasksAsync(issue)).Single().Status, Is.EqualTo("queued"));

        var archived = await owner.Client.PostAsync($"/api/agents/{agent}/archive").ExpectAsync(HttpStatusCode.OK);
        Assert.That(archived.GetProperty("archived_at").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(archived.Id("archived_by"), Is.EqualTo(owner.Id));
        var task = (await IssueTasksAsync(issue)).Single();
        Assert.That(task.Status, Is.EqualTo("cancelled"));
        Assert.That(task.CompletedAt, Is.Not.Null);
        await owner.Client.PostAsync($"/api/agents/{agent}/archive").ExpectErrorAsync(HttpStatusCode.Conflict, "agent is already archived");

        var list = await owner.Client.GetAsync("/api/agents").ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.GetArrayLength(), Is.Zero);
        list = await owner.Client.GetAsync("/api/agents?include_archived=true").ExpectAsync(HttpStatusCode.OK);
        Assert.That(list.GetArrayLength(), Is.EqualTo(1));

        await owner.Client.PostAsync("/api/issues", new { title = "t", assignee_type = "agent", assignee_id = agent })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "cannot assign to archived agent");
        var tasks = await owner.Client.GetAsync($"/api/agents/{agent}/tasks").ExpectAsync(HttpStatusCode.OK);
        Assert.That(tasks[0].Str("status"), Is.EqualTo("cancelled"));

        await owner.Client.PostAsync($"/api/agents/{agent}/restore").ExpectAsync(HttpStatusCode.OK);
        await owner.Client.PostAsync($"/api/agents/{agent}/restore").ExpectErrorAsync(HttpStatusCode.Conflict, "agent is not archived");
    }

    [Test]
    public async Task AnAgentsSkillText_StaysWithinItsBudget_WhenSkillsAreAttached_AndWhenAnAttachedSkillGrows()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        await using var node = Cluster.ClusterNode.Start(new Dictionary<string, string?> { ["Limits:MaxAgentSkillBytes"] = "1000" });
        var client = node.Client(owner.User.Jwt, owner.WorkspaceId);
        // 1 + 400 + (4 + 100) = 505 bytes each: one fits the budget, two do not.
        var a = await client.PostAsync("/api/skills", new { name = "a", content = new string('a', 400), files = new[] { new { path = "f.md", content = new string('f', 100) } } })
            .ExpectAsync(HttpStatusCode.Created);
        var b = await client.PostAsync("/api/skills", new { name = "b", content = new string('b', 400), files = new[] { new { path = "f.md", content = new string('f', 100) } } })
            .ExpectAsync(HttpStatusCode.Created);

        await client.PutAsync($"/api/agents/{agent}/skills", new { skill_ids = new[] { a.Id(), b.Id() } })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "skills too large for one agent");
        await client.PutAsync($"/api/agents/{agent}/skills", new { skill_ids = new[] { a.Id() } }).ExpectAsync(HttpStatusCode.OK);
        // b is on no agent: it may grow; a may not grow past the budget of the agent that has it.
        await client.PutAsync($"/api/skills/{b.Id()}", new { content = new string('b', 900) }).ExpectAsync(HttpStatusCode.OK);
        await client.PutAsync($"/api/skills/{a.Id()}", new { files = new[] { new { path = "f.md", content = new string('f', 600) } } })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "skills too large for one agent");
        await client.PutAsync($"/api/skills/{a.Id()}", new { description = "fits" }).ExpectAsync(HttpStatusCode.OK);

        var stored = await client.GetAsync($"/api/skills/{a.Id()}").ExpectAsync(HttpStatusCode.OK);
        var skills = await client.GetAsync($"/api/agents/{agent}/skills").ExpectAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(stored.GetProperty("files").EnumerateArray().Single().Str("content"), Has.Length.EqualTo(100), "the refused edit stored nothing");
            Assert.That(stored.Str("description"), Is.EqualTo("fits"));
            Assert.That(skills.EnumerateArray().Select(s => s.Str("name")), Is.EqualTo(new[] { "a" }), "the refused set changed nothing");
        });
    }

    [Test]
    public async Task Skills_Crud_Files_AndAgentSkillSet()
    {
        var (owner, _, agent) = await WorkspaceWithAgentAsync();
        await owner.Client.PostAsync("/api/skills", new { description = "x" }).ExpectErrorAsync(HttpStatusCode.BadRequest, "name is required");
        await owner.Client.PostAsync("/api/skills", new { name = "review", files = new[] { new { path = "../etc/passwd", content = "x" } } })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid file path: ../etc/passwd");
        await owner.Client.PostAsync("/api/skills", new { name = "review", files = new[] { new { path = "/abs", content = "x" } } })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid file path: /abs");

        var skill = await owner.Client.PostAsync("/api/skills", new
        {
            name = "review", content = "# Review", files = new[] { new { path = "b.md", content = "B" }, new { path = "a.md", content = "A" } },
        }).ExpectAsync(HttpStatusCode.Created);
        Assert.That(skill.GetProperty("files").EnumerateArray().Select(f => f.Str("path")), Is.EqualTo(new[] { "a.md", "b.md" }));
        Assert.That(skill.GetProperty("config").ValueKind, Is.EqualTo(JsonValueKind.Object));
        await owner.Client.PostAsync("/api/skills", new { name = "review" }).ExpectErrorAsync(HttpStatusCode.Conflict, "a skill with this name already exists");

        var updated = await owner.Client.PutAsync($"/api/skills/{skill.Id()}", new { description = "d", files = Array.Empty<object>() })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(updated.GetProperty("files").GetArrayLength(), Is.Zero);
        Assert.That(updated.Str("content"), Is.EqualTo("# Review"));

        var member = await MemberAsync(owner.WorkspaceId);
        await member.Client.PutAsync($"/api/skills/{skill.Id()}", new { description = "x" })
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "only the skill creator can manage this skill");

        var set = await owner.Client.PutAsync($"/api/agents/{agent}/skills", new { skill_ids = new[] { skill.Id() } }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(set.EnumerateArray().Single().Str("name"), Is.EqualTo("review"));
        var listed = (await owner.Client.GetAsync("/api/agents").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Single();
        var partial = listed.GetProperty("skills").EnumerateArray().Single();
        Assert.That(partial.Str("name"), Is.EqualTo("review"));
        Assert.That(partial.Str("workspace_id"), Is.EqualTo(""));
        Assert.That(partial.Str("created_at"), Is.EqualTo(""));
        var full = await owner.Client.GetAsync($"/api/agents/{agent}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(full.GetProperty("skills")[0].Str("content"), Is.EqualTo("# Review"));

        var foreign = await OwnerAsync();
        var foreignSkill = await foreign.Client.PostAsync("/api/skills", new { name = "theirs" }).ExpectAsync(HttpStatusCode.Created);
        await owner.Client.PutAsync($"/api/agents/{agent}/skills", new { skill_ids = new[] { foreignSkill.Id() } })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "skill not found in this workspace");
        await owner.Client.PutAsync($"/api/agents/{agent}/skills", new { skill_ids = new[] { "nope" } })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid skill_ids");

        await owner.Client.DeleteAsync($"/api/skills/{skill.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        await owner.Client.GetAsync($"/api/skills/{skill.Id()}").ExpectErrorAsync(HttpStatusCode.NotFound, "skill not found");
        Assert.That((await owner.Client.GetAsync($"/api/agents/{agent}/skills").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Stubs_AnswerEmptyBodies_ToMembersOnly()
    {
        var owner = await OwnerAsync();
        Assert.That((await owner.Client.GetAsync("/api/pins").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.Zero);
        Assert.That((await owner.Client.GetAsync("/api/projects").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32(), Is.Zero);
        Assert.That((await owner.Client.GetAsync("/api/issues/child-progress").ExpectAsync(HttpStatusCode.OK)).GetProperty("progress").GetArrayLength(), Is.Zero);
        var issue = (await CreateIssueAsync(owner.Client)).Id();
        Assert.That((await owner.Client.GetAsync($"/api/issues/{issue}/children").ExpectAsync(HttpStatusCode.OK)).GetProperty("issues").GetArrayLength(), Is.Zero);
        Assert.That((await owner.Client.GetAsync($"/api/issues/{issue}/attachments").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.Zero);
        Assert.That((await owner.Client.GetAsync($"/api/workspaces/{owner.WorkspaceId}/invitations").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.Zero);
        Assert.That((await owner.User.Client.GetAsync("/api/invitations").ExpectAsync(HttpStatusCode.OK)).GetArrayLength(), Is.Zero);
        var stranger = await TestData.SignInAsync();
        await WorkspaceClient(stranger.Jwt, owner.WorkspaceId).GetAsync("/api/pins").ExpectErrorAsync(HttpStatusCode.NotFound, "workspace not found");
    }
}
