using System.Text.Json;

namespace Multica.Bench;

public sealed record BenchWorld(BenchClient User, BenchClient Daemon, string Pat, Guid WorkspaceId, Guid RuntimeId, Guid AgentId, string DaemonId);

/// <summary>Builds a user, workspace, PAT, registered runtime and agent through the public API.</summary>
public static class Setup
{
    public static async Task<BenchWorld> CreateAsync(Uri server, int agentCapacity)
    {
        var anon = new BenchClient(server);
        var email = $"bench-{Guid.NewGuid():N}@example.test";
        await anon.PostAsync("/auth/send-code", new { email });
        var jwt = (await anon.PostAsync("/auth/verify-code", new { email, code = "888888" })).GetProperty("token").GetString()!;
        var user = new BenchClient(server, jwt);
        var slug = $"bench-{Guid.NewGuid():N}"[..24];
        var workspaceId = Guid.Parse((await user.PostAsync("/api/workspaces", new { name = "Bench", slug })).GetProperty("id").GetString()!);
        var pat = (await user.PostAsync("/api/tokens", new { name = "bench" })).GetProperty("token").GetString()!;
        user = new BenchClient(server, pat).WithHeader("X-Workspace-ID", workspaceId.ToString());

        var daemon = new BenchClient(server, pat);
        var daemonId = Guid.NewGuid().ToString();
        var registered = await daemon.PostAsync("/api/daemon/register", new
        {
            workspace_id = workspaceId,
            daemon_id = daemonId,
            device_name = "bench",
            cli_version = "bench",
            runtimes = new[] { new { name = "Bench runtime", type = "claude", version = "1.0", status = "online" } },
        });
        var runtimeId = Guid.Parse(registered.GetProperty("runtimes")[0].GetProperty("id").GetString()!);
        var agent = await user.PostAsync("/api/agents", new
        {
            name = "bench-agent-" + Guid.NewGuid().ToString("N")[..8],
            runtime_id = runtimeId,
            visibility = "workspace",
            max_concurrent_tasks = agentCapacity,
        });
        return new BenchWorld(user, daemon, pat, workspaceId, runtimeId, Guid.Parse(agent.GetProperty("id").GetString()!), daemonId);
    }

    /// <summary>An issue assigned to the agent: the control plane enqueues one task for it.</summary>
    public static async Task CreateAssignedIssueAsync(BenchWorld world, string title) =>
        await world.User.PostAsync("/api/issues", new { title, status = "todo", assignee_type = "agent", assignee_id = world.AgentId });

    /// <summary>Runs a claimed task to completion so the agent's capacity frees up.</summary>
    public static async Task FinishAsync(BenchWorld world, JsonElement task)
    {
        var id = task.GetProperty("id").GetString();
        await world.Daemon.PostAsync($"/api/daemon/tasks/{id}/start");
        await world.Daemon.PostAsync($"/api/daemon/tasks/{id}/complete", new { output = "done", session_id = "s", work_dir = "/tmp" });
    }
}
