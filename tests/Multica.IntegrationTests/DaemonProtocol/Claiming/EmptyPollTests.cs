using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Common.Interfaces;
using Multica.Application.Issues;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Claiming;
using Multica.Domain.Entities;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.DaemonProtocol.Claiming;

/// <summary>The empty-poll marks (docs/daemon-protocol.md, "Empty polls"): an empty poll is remembered, never a false "empty".</summary>
public sealed class EmptyPollTests
{
    private static Task<JsonElement> ClaimAsync(DaemonWorld w) =>
        w.Daemon.PostAsync($"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim").ExpectAsync(HttpStatusCode.OK);

    private static EmptyQueueMarks Marks => TestEnvironment.Factory.Services.GetRequiredService<EmptyQueueMarks>();

    private static async Task<Guid> InsertThroughRepositoryAsync(DaemonWorld w, Guid agent)
    {
        var issue = await IssueAsync(w.Workspace.Id, w.Owner.Id);
        await using var scope = TestEnvironment.Factory.Services.CreateAsyncScope();
        var tasks = scope.ServiceProvider.GetRequiredService<ITaskRepository>();
        var inserted = await tasks.InsertAsync(new AgentTask
        {
            Id = Guid.NewGuid(), AgentId = agent, RuntimeId = w.RuntimeId, IssueId = issue, Status = "queued", CreatedAt = DateTime.UtcNow,
        }, CancellationToken.None);
        return inserted!.Id;
    }

    [Test]
    public async Task EmptyPoll_IsRemembered_AndAnInsertForTheRuntimeClearsIt()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        Assert.That((await ClaimAsync(w)).GetProperty("task").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(Marks.IsKnownEmpty(w.RuntimeId), Is.True);

        var taskId = await InsertThroughRepositoryAsync(w, agent);

        Assert.That(Marks.IsKnownEmpty(w.RuntimeId), Is.False);
        Assert.That((await ClaimAsync(w)).GetProperty("task").Str("id"), Is.EqualTo(taskId.ToString()));
    }

    [Test]
    public async Task AnIssueCreatedWithItsFirstTask_ClearsTheMark()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        await ClaimAsync(w);
        Assert.That(Marks.IsKnownEmpty(w.RuntimeId), Is.True);

        var now = DateTime.UtcNow;
        var issue = new Issue
        {
            Id = Guid.NewGuid(), WorkspaceId = w.Workspace.Id, Title = "t", Status = "todo", Priority = "none", AssigneeType = "agent",
            AssigneeId = agent, CreatorType = "member", CreatorId = w.Owner.Id, CreatedAt = now, UpdatedAt = now,
        };
        var task = new AgentTask { Id = Guid.NewGuid(), AgentId = agent, RuntimeId = w.RuntimeId, IssueId = issue.Id, Status = "queued", CreatedAt = now };
        await using (var scope = TestEnvironment.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IIssueRepository>().CreateAsync(issue, task, CancellationToken.None);

        // No wake-up was sent: the insert itself cleared the mark.
        Assert.That(Marks.IsKnownEmpty(w.RuntimeId), Is.False);
        Assert.That((await ClaimAsync(w)).GetProperty("task").Str("id"), Is.EqualTo(task.Id.ToString()));
    }

    [Test]
    public async Task WakeUp_ClearsTheMark()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        await ClaimAsync(w);
        Assert.That(Marks.IsKnownEmpty(w.RuntimeId), Is.True);

        // A task written without this node's insert path (as on another node), then its relayed wake-up.
        var taskId = await TaskAsync(agent, w.RuntimeId, await IssueAsync(w.Workspace.Id, w.Owner.Id));
        TestEnvironment.Factory.Services.GetRequiredService<IDaemonWakeups>().TaskAvailable(w.RuntimeId, taskId);

        Assert.That((await ClaimAsync(w)).GetProperty("task").Str("id"), Is.EqualTo(taskId.ToString()));
    }

    [Test]
    public async Task RuntimeAtCapacity_IsNotMarkedEmpty()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId, maxConcurrent: 1);
        await TaskAsync(agent, w.RuntimeId, await IssueAsync(w.Workspace.Id, w.Owner.Id));
        await TaskAsync(agent, w.RuntimeId, await IssueAsync(w.Workspace.Id, w.Owner.Id));
        Assert.That((await ClaimAsync(w)).GetProperty("task").ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That((await ClaimAsync(w)).GetProperty("task").ValueKind, Is.EqualTo(JsonValueKind.Null), "at capacity");
        Assert.That(Marks.IsKnownEmpty(w.RuntimeId), Is.False, "a queued task is waiting: the next poll must ask the database");
    }

    [Test]
    public async Task BatchClaim_MarksTheEmptyRuntimes_ClaimsForTheOthers_AndAnInsertClearsTheMark()
    {
        var w = await WorldAsync();
        var second = await RegisterAsync(w.Daemon, w.Workspace.Id, w.DaemonId, "codex");
        var agent = await AgentAsync(w.Workspace.Id, second);
        var queued = await TaskAsync(agent, second, await IssueAsync(w.Workspace.Id, w.Owner.Id));
        Task<JsonElement> BatchAsync() => w.Daemon.PostAsync("/api/daemon/tasks/claim",
            new { daemon_id = w.DaemonId, runtime_ids = new[] { w.Runtime, second.ToString() }, max_tasks = 4 }).ExpectAsync(HttpStatusCode.OK);

        var first = await BatchAsync();
        Assert.That(first.GetProperty("tasks").EnumerateArray().Select(t => t.Str("id")), Is.EqualTo(new[] { queued.ToString() }));
        Assert.That(Marks.IsKnownEmpty(w.RuntimeId), Is.True, "nothing waits on the first runtime");
        Assert.That(Marks.IsKnownEmpty(second), Is.False, "its task is dispatched, not finished");

        var otherAgent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var inserted = await InsertThroughRepositoryAsync(w, otherAgent);
        Assert.That(Marks.IsKnownEmpty(w.RuntimeId), Is.False);
        var again = await BatchAsync();
        Assert.That(again.GetProperty("tasks").EnumerateArray().Select(t => t.Str("id")), Is.EqualTo(new[] { inserted.ToString() }));
    }
}
