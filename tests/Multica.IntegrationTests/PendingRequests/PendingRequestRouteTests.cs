using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.PendingRequests;
using Multica.Domain.Entities;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.PendingRequests;

/// <summary>
/// The four heartbeat-delivered request kinds over HTTP: user initiators and polls, daemon result
/// reports, delivery through the heartbeat's pending work. The suite's server uses the Redis stores
/// when MULTICA_TEST_REDIS_URL is set (the store contract is also tested per implementation).
/// </summary>
public sealed class PendingRequestRouteTests
{
    private sealed record Setup(SignedInUser Owner, TestWorkspace Workspace, Guid RuntimeId, ApiClient User, ApiClient Daemon);

    private static async Task<Setup> SetUpAsync(string runtimeStatus = "online")
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var runtime = await DaemonSeed.RuntimeAsync(ws.Id, owner.Id, runtimeStatus);
        return new Setup(owner, ws, runtime, UserClient(owner.Jwt, ws.Id), TestData.ClientWith(await TestData.CreatePatAsync(owner.Client)));
    }

    private static ApiClient UserClient(string token, Guid workspaceId)
    {
        var client = TestData.ClientWith(token);
        client.Http.DefaultRequestHeaders.Add("X-Workspace-ID", workspaceId.ToString());
        return client;
    }

    private static Task<IReadOnlyDictionary<string, object>> CollectAsync(Guid runtimeId) =>
        TestEnvironment.Factory.Services.GetRequiredService<IHeartbeatPendingWork>()
            .CollectAsync(new AgentRuntime { Id = runtimeId }, CancellationToken.None);

    private static JsonElement AsJson(object value) => JsonSerializer.SerializeToElement(value, value.GetType(),
        new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

    private static IPendingRequestStore<T> Store<T>() where T : PendingRequest =>
        TestEnvironment.Factory.Services.GetRequiredService<IPendingRequestStore<T>>();

    // ---- CLI update ----

    [Test]
    [Property("Id", "P21")]
    public async Task Update_IsDeliveredOnce_ThenReportedAndPolled()
    {
        var s = await SetUpAsync();
        var created = await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/update", new { target_version = "v0.4.32" }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(created.Str("status"), Is.EqualTo("pending"));
        Assert.That(created.Str("id"), Does.Match("^[0-9a-f]{32}$"));
        Assert.That(created.Str("runtime_id"), Is.EqualTo(s.RuntimeId.ToString()));
        Assert.That(created.TryGetProperty("output", out _), Is.False);
        var id = created.Str("id");

        await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/update", new { target_version = "v0.4.33" })
            .ExpectErrorAsync(HttpStatusCode.Conflict, "an update is already in progress for this runtime");

        var first = await CollectAsync(s.RuntimeId);
        var descriptor = AsJson(first["pending_update"]);
        Assert.That(descriptor.Str("id"), Is.EqualTo(id));
        Assert.That(descriptor.Str("target_version"), Is.EqualTo("v0.4.32"));
        Assert.That((await CollectAsync(s.RuntimeId)).ContainsKey("pending_update"), Is.False, "handed out exactly once");

        var polled = await s.User.GetAsync($"/api/runtimes/{s.RuntimeId}/update/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(polled.Str("status"), Is.EqualTo("running"));

        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/update/{id}/result", new { status = "running" }).ExpectAsync(HttpStatusCode.OK);
        var ok = await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/update/{id}/result", new { status = "completed", output = "Updated to v0.4.32" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(ok.Str("status"), Is.EqualTo("ok"));

        polled = await s.User.GetAsync($"/api/runtimes/{s.RuntimeId}/update/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(polled.Str("status"), Is.EqualTo("completed"));
        Assert.That(polled.Str("output"), Is.EqualTo("Updated to v0.4.32"));

        // A terminal update frees the runtime for the next one.
        await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/update", new { target_version = "v0.4.33" }).ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    [Property("Id", "P52")]
    public async Task UpdateResult_WithUnknownStatus_Returns400()
    {
        var s = await SetUpAsync();
        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/update/{PendingRequest.NewId()}/result", new { status = "bogus" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid status: bogus");
        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/update/{PendingRequest.NewId()}/result", new { })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid status: ");
        // Unknown ids are a silent no-op, as upstream.
        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/update/{PendingRequest.NewId()}/result", new { status = "failed", error = "x" })
            .ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task P_Update_ChecksOrderAndAccess()
    {
        var s = await SetUpAsync();
        await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/update", new { target_version = "" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "target_version is required");
        await s.User.PostRawAsync($"/api/runtimes/{s.RuntimeId}/update", "{not json")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
        // The runtime check comes first: an unknown runtime is 404 even with a bad body.
        await s.User.PostRawAsync($"/api/runtimes/{Guid.NewGuid()}/update", "{not json")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "runtime not found");

        var stranger = await TestData.SignInAsync();
        var strangerWs = await TestData.CreateWorkspaceAsync(stranger.Client);
        await UserClient(stranger.Jwt, strangerWs.Id).PostAsync($"/api/runtimes/{s.RuntimeId}/update", new { target_version = "v1" })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "runtime not found");
        await TestData.ClientWith(stranger.Jwt).PostAsync($"/api/runtimes/{s.RuntimeId}/update", new { target_version = "v1" })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "workspace_id or workspace_slug is required");

        await s.User.GetAsync($"/api/runtimes/{s.RuntimeId}/update/{PendingRequest.NewId()}").ExpectErrorAsync(HttpStatusCode.NotFound, "update not found");
    }

    // ---- Model list ----

    [Test]
    [Property("Id", "P53")]
    public async Task ModelList_KeepsDefaultFlag_AndSupportedDefaultsToTrue()
    {
        var s = await SetUpAsync();
        var created = await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/models").ExpectAsync(HttpStatusCode.OK);
        Assert.That(created.Str("status"), Is.EqualTo("pending"));
        Assert.That(created.GetProperty("supported").GetBoolean(), Is.True);
        Assert.That(created.TryGetProperty("models", out _), Is.False);
        var id = created.Str("id");

        Assert.That(AsJson((await CollectAsync(s.RuntimeId))["pending_model_list"]).Str("id"), Is.EqualTo(id));

        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/models/{id}/result", new
        {
            status = "completed",
            models = new object[]
            {
                new { id = "opus", label = "Opus", provider = "anthropic", @default = true },
                new { id = "haiku", label = "Haiku" },
            },
        }).ExpectAsync(HttpStatusCode.OK);

        var polled = await s.User.GetAsync($"/api/runtimes/{s.RuntimeId}/models/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(polled.Str("status"), Is.EqualTo("completed"));
        Assert.That(polled.GetProperty("supported").GetBoolean(), Is.True);
        var models = polled.GetProperty("models");
        Assert.That(models[0].GetProperty("default").GetBoolean(), Is.True);
        Assert.That(models[0].Str("provider"), Is.EqualTo("anthropic"));
        Assert.That(models[1].TryGetProperty("default", out _), Is.False);
        Assert.That(models[1].TryGetProperty("provider", out _), Is.False);

        // A stale second report does not overwrite the terminal record.
        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/models/{id}/result", new { status = "failed", error = "late" })
            .ExpectAsync(HttpStatusCode.OK);
        polled = await s.User.GetAsync($"/api/runtimes/{s.RuntimeId}/models/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(polled.Str("status"), Is.EqualTo("completed"));
    }

    [Test]
    public async Task P_ModelList_OnOfflineRuntime_Returns503()
    {
        var s = await SetUpAsync("offline");
        await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/models").ExpectErrorAsync(HttpStatusCode.ServiceUnavailable, "runtime is offline");
        await s.User.GetAsync($"/api/runtimes/{s.RuntimeId}/models/{PendingRequest.NewId()}").ExpectErrorAsync(HttpStatusCode.NotFound, "request not found");
    }

    [Test]
    [Property("Id", "P54")]
    public async Task ModelList_RunningOver60s_ReadsBackAsTimeout()
    {
        var s = await SetUpAsync();
        var now = DateTime.UtcNow;
        var request = new ModelListRequest
        {
            Id = PendingRequest.NewId(), RuntimeId = s.RuntimeId.ToString(), Status = PendingStatus.Running,
            CreatedAt = now.AddSeconds(-70), UpdatedAt = now.AddSeconds(-65), RunStartedAt = now.AddSeconds(-65),
        };
        await Store<ModelListRequest>().TryCreateAsync(request, CancellationToken.None);
        var polled = await s.User.GetAsync($"/api/runtimes/{s.RuntimeId}/models/{request.Id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(polled.Str("status"), Is.EqualTo("timeout"));
        Assert.That(polled.Str("error"), Is.EqualTo("daemon did not finish within 60 seconds"));
    }

    // ---- Local-skill list ----

    [Test]
    [Property("Id", "P55")]
    public async Task LocalSkillList_PreservesSourcePathAndFileCount()
    {
        var s = await SetUpAsync();
        var created = await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/local-skills").ExpectAsync(HttpStatusCode.OK);
        var id = created.Str("id");
        Assert.That(AsJson((await CollectAsync(s.RuntimeId))["pending_local_skills"]).Str("id"), Is.EqualTo(id));

        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/local-skills/{id}/result", new
        {
            status = "completed",
            supported = (bool?)null,
            skills = new[] { new { key = "review", name = "Review", source_path = "/home/u/.claude/skills/review", provider = "claude", file_count = 3 } },
        }).ExpectAsync(HttpStatusCode.OK);

        var polled = await s.User.GetAsync($"/api/runtimes/{s.RuntimeId}/local-skills/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(polled.Str("status"), Is.EqualTo("completed"));
        Assert.That(polled.GetProperty("supported").GetBoolean(), Is.True);
        var skill = polled.GetProperty("skills")[0];
        Assert.That(skill.Str("source_path"), Is.EqualTo("/home/u/.claude/skills/review"));
        Assert.That(skill.GetProperty("file_count").GetInt32(), Is.EqualTo(3));
        Assert.That(skill.TryGetProperty("description", out _), Is.False);
    }

    [Test]
    public async Task LocalSkillList_KeepsMcpSupportAndServersAsReported()
    {
        var s = await SetUpAsync();
        var id = (await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/local-skills").ExpectAsync(HttpStatusCode.OK)).Str("id");
        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/local-skills/{id}/result", new
        {
            status = "completed",
            skills = new[] { new { key = "review", name = "Review", source_path = "/s/review", provider = "claude", file_count = 1 } },
            mcp_supported = true,
            mcp_servers = new object[] { new { name = "github", transport = "stdio", command = "gh-mcp", args = new[] { "--ro" } } },
        }).ExpectAsync(HttpStatusCode.OK);

        var polled = await s.User.GetAsync($"/api/runtimes/{s.RuntimeId}/local-skills/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(polled.GetProperty("mcp_supported").GetBoolean(), Is.True);
        var server = polled.GetProperty("mcp_servers")[0];
        Assert.That(server.Str("name"), Is.EqualTo("github"));
        Assert.That(server.Str("transport"), Is.EqualTo("stdio"));
        Assert.That(server.Str("command"), Is.EqualTo("gh-mcp"));
        Assert.That(server.GetProperty("args")[0].GetString(), Is.EqualTo("--ro"));

        // A daemon that reports neither leaves both out.
        var older = (await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/local-skills").ExpectAsync(HttpStatusCode.OK)).Str("id");
        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/local-skills/{older}/result", new { status = "completed" })
            .ExpectAsync(HttpStatusCode.OK);
        var plain = await s.User.GetAsync($"/api/runtimes/{s.RuntimeId}/local-skills/{older}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(plain.TryGetProperty("mcp_supported", out _), Is.False);
        Assert.That(plain.TryGetProperty("mcp_servers", out _), Is.False);
    }

    [Test]
    public async Task P_LocalSkillList_IsOwnerOnly()
    {
        var s = await SetUpAsync();
        var member = await TestData.SignInAsync();
        await TestData.AddMemberAsync(s.Workspace.Id, member.Id, "admin");
        await UserClient(member.Jwt, s.Workspace.Id).PostAsync($"/api/runtimes/{s.RuntimeId}/local-skills")
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "insufficient permissions");

        var ownerless = await DaemonSeed.RuntimeAsync(s.Workspace.Id, null);
        await s.User.PostAsync($"/api/runtimes/{ownerless}/local-skills").ExpectErrorAsync(HttpStatusCode.Forbidden, "insufficient permissions");
        var offline = await DaemonSeed.RuntimeAsync(s.Workspace.Id, s.Owner.Id, "offline");
        await s.User.PostAsync($"/api/runtimes/{offline}/local-skills").ExpectErrorAsync(HttpStatusCode.ServiceUnavailable, "runtime is offline");
    }

    [Test]
    [Property("Id", "P59")]
    public async Task LocalSkillResult_ForUnknownOrOtherRuntimesRequest_Returns404()
    {
        var s = await SetUpAsync();
        var other = await DaemonSeed.RuntimeAsync(s.Workspace.Id, s.Owner.Id);
        var created = await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/local-skills").ExpectAsync(HttpStatusCode.OK);
        var id = created.Str("id");

        await s.Daemon.PostAsync($"/api/daemon/runtimes/{other}/local-skills/{id}/result", new { status = "completed" })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "request not found");
        // The look-up precedes decoding: an unknown request with a broken body is still 404.
        await s.Daemon.PostRawAsync($"/api/daemon/runtimes/{s.RuntimeId}/local-skills/{PendingRequest.NewId()}/result", "{oops")
            .ExpectErrorAsync(HttpStatusCode.NotFound, "request not found");
        await s.Daemon.PostRawAsync($"/api/daemon/runtimes/{s.RuntimeId}/local-skills/{id}/result", "{oops")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
        await s.User.GetAsync($"/api/runtimes/{other}/local-skills/{id}").ExpectErrorAsync(HttpStatusCode.NotFound, "request not found");
        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/local-skills/{PendingRequest.NewId()}/result", new { status = "completed" })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "request not found");
    }

    // ---- Local-skill import ----

    [Test]
    [Property("Id", "P56")]
    public async Task Import_EndToEnd_CreatesSkillWithOverridesAndSafeFilesOnly()
    {
        var s = await SetUpAsync();
        var created = await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/local-skills/import",
            new { skill_key = "  review-helper ", name = " Reviewer ", description = "   " }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(created.Str("skill_key"), Is.EqualTo("review-helper"));
        Assert.That(created.Str("name"), Is.EqualTo("Reviewer"));
        Assert.That(created.TryGetProperty("description", out _), Is.False);
        var id = created.Str("id");

        // P20: the heartbeat carries id and skill_key, never the overrides.
        var descriptor = AsJson((await CollectAsync(s.RuntimeId))["pending_local_skill_import"]);
        Assert.That(descriptor.Str("id"), Is.EqualTo(id));
        Assert.That(descriptor.Str("skill_key"), Is.EqualTo("review-helper"));
        Assert.That(descriptor.TryGetProperty("name", out _), Is.False);
        Assert.That(descriptor.TryGetProperty("description", out _), Is.False);

        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/local-skills/import/{id}/result", new
        {
            status = "completed",
            skill = new
            {
                name = "review-helper", description = "From disk", content = "# Review", source_path = "/x/review", provider = "claude",
                files = new[]
                {
                    new { path = "notes/readme.md", content = "ok" },
                    new { path = "../escape.md", content = "no" },
                    new { path = "/etc/passwd", content = "no" },
                    new { path = "a/../../b.md", content = "no" },
                    new { path = "", content = "no" },
                },
            },
        }).ExpectAsync(HttpStatusCode.OK);

        var polled = await s.User.GetAsync($"/api/runtimes/{s.RuntimeId}/local-skills/import/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(polled.Str("status"), Is.EqualTo("completed"));
        var skill = polled.GetProperty("skill");
        Assert.That(skill.Str("name"), Is.EqualTo("Reviewer"));
        Assert.That(skill.Str("description"), Is.EqualTo("From disk"));
        Assert.That(skill.Str("workspace_id"), Is.EqualTo(s.Workspace.Id.ToString()));
        Assert.That(skill.Str("created_by"), Is.EqualTo(s.Owner.Id.ToString()));
        Assert.That(skill.GetProperty("config").GetProperty("origin").Str("type"), Is.EqualTo("runtime_local"));
        Assert.That(skill.TryGetProperty("files", out _), Is.False);

        var skillId = Guid.Parse(skill.Str("id"));
        var files = await DaemonSeed.ScalarAsync<long>("SELECT count(*) FROM skill_file WHERE skill_id = @s", ("s", skillId));
        Assert.That(files, Is.EqualTo(1));
        var evt = TestEnvironment.Factory.Events.OfType("skill:created").Single(e => e.WorkspaceId == s.Workspace.Id);
        Assert.That(evt.ActorId, Is.EqualTo(s.Owner.Id));
        Assert.That(AsJson(evt.Payload).GetProperty("skill").GetProperty("files").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task P_Import_NameClash_FailsTheRequestWith200()
    {
        var s = await SetUpAsync();
        async Task<string> ImportAsync()
        {
            var created = await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/local-skills/import", new { skill_key = "dup" }).ExpectAsync(HttpStatusCode.OK);
            var id = created.Str("id");
            await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/local-skills/import/{id}/result",
                new { status = "completed", skill = new { name = "same-name", content = "x" } }).ExpectAsync(HttpStatusCode.OK);
            return id;
        }
        await ImportAsync();
        var second = await ImportAsync();
        var polled = await s.User.GetAsync($"/api/runtimes/{s.RuntimeId}/local-skills/import/{second}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(polled.Str("status"), Is.EqualTo("failed"));
        Assert.That(polled.Str("error"), Is.EqualTo("a skill with this name already exists"));
    }

    [Test]
    public async Task P_Import_EmptyBundleAndFailure_AreRecorded()
    {
        var s = await SetUpAsync();
        var a = (await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/local-skills/import", new { skill_key = "k" }).ExpectAsync(HttpStatusCode.OK)).Str("id");
        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/local-skills/import/{a}/result", new { status = "completed", skill = (object?)null })
            .ExpectAsync(HttpStatusCode.OK);
        var polled = await s.User.GetAsync($"/api/runtimes/{s.RuntimeId}/local-skills/import/{a}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(polled.Str("error"), Is.EqualTo("daemon returned an empty skill bundle"));

        await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/local-skills/import", new { skill_key = "   " })
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "skill_key is required");
    }

    [Test]
    [Property("Id", "P57")]
    public async Task ImportReport_ForTimedOutRequest_CreatesNoSkill()
    {
        var s = await SetUpAsync();
        var now = DateTime.UtcNow;
        var request = new LocalSkillImportRequest
        {
            Id = PendingRequest.NewId(), RuntimeId = s.RuntimeId.ToString(), SkillKey = "late", CreatorId = s.Owner.Id,
            CreatedAt = now.AddSeconds(-31), UpdatedAt = now.AddSeconds(-31),
        };
        await Store<LocalSkillImportRequest>().TryCreateAsync(request, CancellationToken.None);
        Assert.That((await CollectAsync(s.RuntimeId)).ContainsKey("pending_local_skill_import"), Is.False, "a timed-out request is never handed out");

        await s.Daemon.PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/local-skills/import/{request.Id}/result",
            new { status = "completed", skill = new { name = "late-skill", content = "x" } }).ExpectAsync(HttpStatusCode.OK);
        var skills = await DaemonSeed.ScalarAsync<long>("SELECT count(*) FROM skill WHERE workspace_id = @w", ("w", s.Workspace.Id));
        Assert.That(skills, Is.Zero);
        var polled = await s.User.GetAsync($"/api/runtimes/{s.RuntimeId}/local-skills/import/{request.Id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(polled.Str("status"), Is.EqualTo("timeout"));
        Assert.That(polled.Str("error"), Is.EqualTo("daemon did not respond within 30 seconds"));
    }

    [Test]
    [Property("Id", "P58")]
    public async Task ImportReport_WithDaemonTokenOfAnotherWorkspace_Returns404()
    {
        var s = await SetUpAsync();
        var id = (await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/local-skills/import", new { skill_key = "k" }).ExpectAsync(HttpStatusCode.OK)).Str("id");
        var otherWs = await TestData.CreateWorkspaceAsync(s.Owner.Client);
        var foreignToken = await TestData.IssueDaemonTokenAsync(s.Owner.Client, otherWs.Id);
        await TestData.ClientWith(foreignToken).PostAsync($"/api/daemon/runtimes/{s.RuntimeId}/local-skills/import/{id}/result",
            new { status = "completed", skill = new { name = "n", content = "x" } }).ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        await TestData.ClientWith(foreignToken).PostAsync($"/api/daemon/runtimes/{Guid.NewGuid()}/local-skills/import/{id}/result", new { })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "runtime not found");
    }

    [Test]
    public async Task EmptyProbe_IsRemembered_AndACreateClearsIt_SoTheNextHeartbeatHandsItOut()
    {
        var s = await SetUpAsync();
        var marks = TestEnvironment.Factory.Services.GetRequiredService<NothingPendingMarks>();
        Assert.That(await CollectAsync(s.RuntimeId), Is.Empty);
        Assert.That(marks.IsKnownEmpty(s.RuntimeId), Is.True, "an empty probe is remembered: the next heartbeat skips it");

        var created = (await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/models").ExpectAsync(HttpStatusCode.OK)).Str("id");

        Assert.That(marks.IsKnownEmpty(s.RuntimeId), Is.False, "the create's hint clears the mark");
        Assert.That(AsJson((await CollectAsync(s.RuntimeId))["pending_model_list"]).Str("id"), Is.EqualTo(created));
    }

    [Test]
    public async Task P_Heartbeat_HandsOutOldestModelListFirst_OnePerHeartbeat()
    {
        var s = await SetUpAsync();
        var first = (await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/models").ExpectAsync(HttpStatusCode.OK)).Str("id");
        await Task.Delay(5);
        var second = (await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/models").ExpectAsync(HttpStatusCode.OK)).Str("id");
        Assert.That(AsJson((await CollectAsync(s.RuntimeId))["pending_model_list"]).Str("id"), Is.EqualTo(first));
        Assert.That(AsJson((await CollectAsync(s.RuntimeId))["pending_model_list"]).Str("id"), Is.EqualTo(second));
        Assert.That((await CollectAsync(s.RuntimeId)).ContainsKey("pending_model_list"), Is.False);
    }

    [Test]
    public async Task P_ExactlyOnce_ConcurrentHeartbeatsHandOutEachRequestOnce()
    {
        var s = await SetUpAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await s.User.PostAsync($"/api/runtimes/{s.RuntimeId}/local-skills").ExpectAsync(HttpStatusCode.OK)).Str("id"));

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => CollectAsync(s.RuntimeId)));
        var handedOut = results.Where(r => r.ContainsKey("pending_local_skills"))
            .Select(r => AsJson(r["pending_local_skills"]).Str("id")).ToList();
        Assert.That(handedOut, Is.EquivalentTo(ids), "each request exactly once");
    }
}
