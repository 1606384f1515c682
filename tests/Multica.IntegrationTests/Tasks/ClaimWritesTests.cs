using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Tasks;

/// <summary>
/// What the claim statement writes besides the task rows (docs/daemon-protocol.md, "Why the claim is safe"): each
/// claimed task's own token, minted in the same statement, and the agent's status, written only when it changes.
/// </summary>
public sealed class ClaimWritesTests
{
    [Test]
    public async Task ABatchClaim_StoresEachTasksOwnToken_ForThatTaskAndAgent()
    {
        var (ws, owner, runtime, first) = await DaemonSeed.WorkspaceWithAgentAsync();
        var second = await DaemonSeed.AgentAsync(ws, runtime, owner);
        var firstTask = await DaemonSeed.TaskAsync(first, runtime, await DaemonSeed.IssueAsync(ws, owner));
        var secondTask = await DaemonSeed.TaskAsync(second, runtime, await DaemonSeed.IssueAsync(ws, owner));

        var claimed = await ClaimAsync(runtime, maxTasks: 2);

        Assert.That(claimed.Select(c => c.Task.Id), Is.EquivalentTo(new[] { firstTask, secondTask }), "one task per agent");
        foreach (var c in claimed)
        {
            Assert.That(c.AuthToken, Does.StartWith(OpaqueTokens.TaskTokenPrefix), $"task {c.Task.Id} gets a token");
            var stored = await DaemonSeed.ScalarAsync<long>("""
                SELECT count(*) FROM task_token
                WHERE token_hash = @h AND task_id = @t AND agent_id = @a AND workspace_id = @w AND user_id = @u
                """, ("h", OpaqueTokens.Hash(c.AuthToken!)), ("t", c.Task.Id), ("a", c.Task.AgentId), ("w", ws), ("u", owner));
            Assert.That(stored, Is.EqualTo(1), $"the token handed out for task {c.Task.Id} is stored for that task, its agent and the runtime's owner");
        }
        Assert.That(await DaemonSeed.ScalarAsync<long>("SELECT count(*) FROM task_token WHERE task_id = ANY(@t)",
            ("t", new[] { firstTask, secondTask })), Is.EqualTo(2), "no other token is stored");
    }

    [Test]
    public async Task AClaim_MarksAnIdleAgentWorking_AndLeavesAWorkingAgentsRowAsItIs()
    {
        var (ws, owner, runtime, agent) = await DaemonSeed.WorkspaceWithAgentAsync();
        await DaemonSeed.TaskAsync(agent, runtime, await DaemonSeed.IssueAsync(ws, owner));
        await DaemonSeed.TaskAsync(agent, runtime, await DaemonSeed.IssueAsync(ws, owner));

        Assert.That(await ClaimAsync(runtime, maxTasks: 1), Has.Count.EqualTo(1));
        var afterFirst = await AgentRowAsync(agent);
        Assert.That(await ClaimAsync(runtime, maxTasks: 1), Has.Count.EqualTo(1), "the agent's second task (capacity allows it)");
        var afterSecond = await AgentRowAsync(agent);

        Assert.Multiple(() =>
        {
            Assert.That(afterFirst.Status, Is.EqualTo("working"), "the first claim marks the idle agent working");
            Assert.That(afterSecond.Status, Is.EqualTo("working"));
            Assert.That(afterSecond.Version, Is.EqualTo(afterFirst.Version), "no new row version for an agent already working");
        });
    }

    private static async Task<IReadOnlyList<ClaimedTask>> ClaimAsync(Guid runtime, int maxTasks)
    {
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var now = DateTime.UtcNow;
        return await scope.ServiceProvider.GetRequiredService<ITaskClaimRepository>().ClaimAsync(
            new ClaimRequest([runtime], maxTasks, now, now.AddMinutes(-1), now.AddMinutes(1), now.AddHours(1), 16), CancellationToken.None);
    }

    /// <summary>The agent's status and its row version (xmin changes with every write of the row).</summary>
    private static async Task<(string Status, string Version)> AgentRowAsync(Guid agent) =>
        (await DaemonSeed.ScalarAsync<string>("SELECT status FROM agent WHERE id = @a", ("a", agent)),
         await DaemonSeed.ScalarAsync<string>("SELECT xmin::text FROM agent WHERE id = @a", ("a", agent)));
}
