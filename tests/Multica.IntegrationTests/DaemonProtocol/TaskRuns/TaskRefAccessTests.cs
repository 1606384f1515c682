using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Common.Interfaces;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.DaemonProtocol.TaskRuns;

/// <summary>
/// The task's hot routes are authorized on its identity, served from memory and filled by the claim
/// (docs/daemon-protocol.md, "Task access from memory"): another workspace is still refused, and a task deleted
/// while its identity is cached gets a clean answer, never a 500.
/// </summary>
public sealed class TaskRefAccessTests
{
    private static async Task<(DaemonWorld World, Guid Task)> ClaimedAsync()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var issue = await IssueAsync(w.Workspace.Id, w.Owner.Id, status: "in_progress");
        var task = await TaskAsync(agent, w.RuntimeId, issueId: issue);
        var claim = await w.Daemon.PostAsync($"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim").ExpectAsync(HttpStatusCode.OK);
        Assert.That(claim.GetProperty("task").Str("id"), Is.EqualTo(task.ToString()));
        return (w, task);
    }

    private static async Task<Multica.Application.Common.Security.TaskRef?> CachedRefAsync(Guid task)
    {
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IAccessRepository>().FindTaskRefAsync(task, CancellationToken.None);
    }

    [Test]
    public async Task TheClaimRemembersTheTask_SoItsIdentityOutlivesTheRow_AndTheRoutesAnswerCleanly()
    {
        var (w, task) = await ClaimedAsync();
        await ExecAsync("DELETE FROM agent_task_queue WHERE id = @t", ("t", task));

        var cached = await CachedRefAsync(task);
        Assert.That(cached?.WorkspaceId, Is.EqualTo(w.Workspace.Id), "the claim put the task's identity in memory");

        var path = $"/api/daemon/tasks/{task}";
        await w.Daemon.PostAsync($"{path}/messages", new { messages = new[] { new { seq = 1, type = "text", content = "hi" } } })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
        await w.Daemon.PostAsync($"{path}/usage", new { usage = new[] { new { provider = "p", model = "m", input_tokens = 1, output_tokens = 1 } } })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
        await w.Daemon.PostAsync($"{path}/start").ExpectErrorAsync(HttpStatusCode.BadRequest, "start task: no rows in result set");
        await w.Daemon.PostAsync($"{path}/complete", new { output = "done" }).ExpectErrorAsync(HttpStatusCode.BadRequest, "complete task: task not found");
        await w.Daemon.PostAsync($"{path}/fail", new { error = "x" }).ExpectErrorAsync(HttpStatusCode.BadRequest, "fail task: task not found");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM task_message WHERE task_id = @t", ("t", task)), Is.EqualTo(0));
        // A route that reads the row still finds nothing.
        await w.Daemon.GetAsync($"{path}/status").ExpectErrorAsync(HttpStatusCode.NotFound, "task not found");
    }

    [Test]
    public async Task ACachedTask_IsStillRefusedToAnotherWorkspacesDaemon()
    {
        var (w, task) = await ClaimedAsync();
        var other = await TestData.CreateWorkspaceAsync(w.Owner.Client);
        var foreign = TestData.ClientWith(await TestData.IssueDaemonTokenAsync(w.Owner.Client, other.Id));
        Assert.That(await CachedRefAsync(task), Is.Not.Null);

        var path = $"/api/daemon/tasks/{task}";
        await foreign.PostAsync($"{path}/start").ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        await foreign.PostAsync($"{path}/messages", new { messages = new[] { new { seq = 1, type = "text", content = "hi" } } })
            .ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        await foreign.PostAsync($"{path}/usage", new { usage = Array.Empty<object>() }).ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        await foreign.PostAsync($"{path}/progress", new { summary = "s", step = 1, total = 2 }).ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        await foreign.PostAsync($"{path}/complete", new { output = "done" }).ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        await foreign.PostAsync($"{path}/fail", new { error = "x" }).ExpectErrorAsync(HttpStatusCode.NotFound, "not found");
        Assert.That(await TaskStatusAsync(task), Is.EqualTo("dispatched"), "nothing moved");

        var started = await w.Daemon.PostAsync($"{path}/start").ExpectAsync(HttpStatusCode.OK);
        Assert.That(started.Str("status"), Is.EqualTo("running"));
    }

    [Test]
    public async Task AnUnknownTask_IsNotRemembered_SoATaskCreatedLaterIsFound()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var issue = await IssueAsync(w.Workspace.Id, w.Owner.Id);
        var id = Guid.NewGuid();
        Assert.That(await CachedRefAsync(id), Is.Null);
        await ExecAsync("""
            INSERT INTO agent_task_queue (id, agent_id, runtime_id, issue_id, status, priority)
            VALUES (@id, @a, @r, @i, 'queued', 2)
            """, ("id", id), ("a", agent), ("r", w.RuntimeId), ("i", issue));
        var found = await CachedRefAsync(id);
        Assert.That(found, Is.EqualTo(new Multica.Application.Common.Security.TaskRef(id, issue, w.Workspace.Id)));
    }
}
