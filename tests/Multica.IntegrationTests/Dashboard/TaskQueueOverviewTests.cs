using System.Net;
using System.Text.Json;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Dashboard;

/// <summary>GET /api/task-queue: the dashboard's aggregate over the selected workspace's tasks.</summary>
public sealed class TaskQueueOverviewTests
{
    [Test]
    public async Task Overview_CountsTheWorkspaceQueue_StuckRetriedAndThroughput()
    {
        var owner = await WorkspaceData.OwnerAsync();
        var online = await DaemonSeed.RuntimeAsync(owner.WorkspaceId, owner.Id);
        var offline = await DaemonSeed.RuntimeAsync(owner.WorkspaceId, owner.Id, status: "offline");
        var agent = await DaemonSeed.AgentAsync(owner.WorkspaceId, online, owner.Id);
        var now = DateTime.UtcNow;
        await DaemonSeed.TaskAsync(agent, online);
        await DaemonSeed.TaskAsync(agent, online);
        var notStarted = await DaemonSeed.TaskAsync(agent, online, status: "dispatched", dispatchedAt: now.AddMinutes(-10));
        await DaemonSeed.TaskAsync(agent, online, status: "dispatched", dispatchedAt: now);
        var orphaned = await DaemonSeed.TaskAsync(agent, offline, status: "running", dispatchedAt: now.AddMinutes(-1), startedAt: now.AddMinutes(-1));
        var first = await DaemonSeed.TaskAsync(agent, online, status: "failed", completedAt: now.AddMinutes(-1));
        var retry = await DaemonSeed.TaskAsync(agent, online);
        await DaemonSeed.ExecAsync("UPDATE agent_task_queue SET attempt = 2, parent_task_id = @p WHERE id = @id", ("p", first), ("id", retry));
        await DaemonSeed.TaskAsync(agent, online, status: "completed", completedAt: now.AddSeconds(-5));
        await DaemonSeed.TaskAsync(agent, online, status: "completed", completedAt: now.AddHours(-2)); // outside the window

        // Another workspace's tasks are never counted.
        var stranger = await WorkspaceData.OwnerAsync();
        var strangerRuntime = await DaemonSeed.RuntimeAsync(stranger.WorkspaceId, stranger.Id);
        await DaemonSeed.TaskAsync(await DaemonSeed.AgentAsync(stranger.WorkspaceId, strangerRuntime, stranger.Id), strangerRuntime);

        using var response = await owner.Client.GetAsync("/api/task-queue");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;

        var queue = root.GetProperty("queue").EnumerateArray()
            .Select(q => (q.GetProperty("runtime_id").GetGuid(), q.GetProperty("status").GetString(), q.GetProperty("count").GetInt64()))
            .ToList();
        Assert.That(queue, Is.EquivalentTo(new[]
        {
            (online, "queued", 3L), (online, "dispatched", 2L), (offline, "running", 1L),
        }));

        var stuck = root.GetProperty("stuck").EnumerateArray()
            .ToDictionary(t => t.GetProperty("id").GetGuid(), t => t.GetProperty("reason").GetString());
        Assert.That(stuck, Is.EquivalentTo(new Dictionary<Guid, string?>
        {
            [notStarted] = "dispatched_not_started", [orphaned] = "runtime_offline",
        }));

        var retried = root.GetProperty("retried").EnumerateArray().ToList();
        Assert.That(retried.Select(t => t.GetProperty("id").GetGuid()), Is.EqualTo(new[] { retry }));
        Assert.That(retried[0].GetProperty("attempt").GetInt32(), Is.EqualTo(2));
        Assert.That(retried[0].GetProperty("parent_task_id").GetGuid(), Is.EqualTo(first));

        var throughput = root.GetProperty("throughput").EnumerateArray().ToList();
        Assert.That(throughput, Has.Count.EqualTo(root.GetProperty("window_minutes").GetInt32()));
        Assert.That(throughput.Sum(m => m.GetProperty("completed").GetInt64()), Is.EqualTo(1));
        Assert.That(throughput.Sum(m => m.GetProperty("failed").GetInt64()), Is.EqualTo(1));
        var minutes = throughput.Select(m => m.GetProperty("minute").GetDateTime()).ToList();
        Assert.That(minutes, Is.Ordered.Ascending);
        Assert.That(minutes.Zip(minutes.Skip(1), (a, b) => b - a), Has.All.EqualTo(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task Overview_OfAnotherWorkspace_IsNotFound()
    {
        var owner = await WorkspaceData.OwnerAsync();
        var stranger = await WorkspaceData.OwnerAsync();
        var client = WorkspaceData.WorkspaceClient(stranger.User.Jwt, owner.WorkspaceId);

        using var response = await client.GetAsync("/api/task-queue");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"error\""));
    }

    [Test]
    public async Task Overview_WithoutSignIn_IsUnauthorized()
    {
        using var response = await TestData.Anonymous().GetAsync("/api/task-queue");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
