using System.Net;
using System.Text.Json;
using Multica.Infrastructure.Persistence.Tasks;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.DaemonProtocol.Claiming;

/// <summary>
/// The claim walks a short stretch of the runtime's queue first and the whole scan limit only when that was not
/// enough (docs/daemon-protocol.md, "Why the claim is safe under concurrency"): work behind a long run of an
/// agent at capacity is still found.
/// </summary>
public sealed class ClaimWalkTests
{
    private static Task<JsonElement> ClaimAsync(DaemonWorld w) =>
        w.Daemon.PostAsync($"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim").ExpectAsync(HttpStatusCode.OK);

    [Test]
    public async Task WorkBehindMoreThanTheShortWalkOfAnAgentAtCapacity_IsClaimed()
    {
        var w = await WorldAsync();
        var busy = await AgentAsync(w.Workspace.Id, w.RuntimeId, maxConcurrent: 1);
        var idle = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var start = DateTime.UtcNow.AddMinutes(-10);
        await TaskAsync(busy, w.RuntimeId, await IssueAsync(w.Workspace.Id, w.Owner.Id), status: "running", createdAt: start);
        for (var i = 1; i <= TaskClaimRepository.ShortScanRows + 4; i++)
            await TaskAsync(busy, w.RuntimeId, await IssueAsync(w.Workspace.Id, w.Owner.Id), createdAt: start.AddSeconds(i));
        var behind = await TaskAsync(idle, w.RuntimeId, await IssueAsync(w.Workspace.Id, w.Owner.Id), createdAt: start.AddMinutes(5));

        var claimed = (await ClaimAsync(w)).GetProperty("task");

        Assert.That(claimed.Str("id"), Is.EqualTo(behind.ToString()), "the idle agent's task, found by the full walk");
        Assert.That((await ClaimAsync(w)).GetProperty("task").ValueKind, Is.EqualTo(JsonValueKind.Null),
            "the busy agent stays at capacity");
    }

    [Test]
    public async Task TheHeadOfTheQueue_IsClaimedInQueueOrder()
    {
        var w = await WorldAsync();
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId, maxConcurrent: 50);
        var start = DateTime.UtcNow.AddMinutes(-10);
        var ids = new List<string>();
        for (var i = 0; i < TaskClaimRepository.ShortScanRows * 2; i++)
            ids.Add((await TaskAsync(agent, w.RuntimeId, await IssueAsync(w.Workspace.Id, w.Owner.Id), createdAt: start.AddSeconds(i))).ToString());

        var claimed = new List<string>();
        for (var i = 0; i < 5; i++)
            claimed.Add((await ClaimAsync(w)).GetProperty("task").Str("id")!);

        Assert.That(claimed, Is.EqualTo(ids.Take(5)));
    }
}
