using Multica.Domain.Entities;

namespace Multica.Application.Tasks.StateMachine;

/// <summary>Resolves the workspace of tasks finished together once per issue / chat session / autopilot run.</summary>
internal sealed class TaskWorkspaceCache(ITaskContextRepository context)
{
    private readonly Dictionary<(Guid?, Guid?, Guid?), Guid?> _workspaces = new();

    public async Task<Guid?> ForAsync(AgentTask task, CancellationToken ct)
    {
        var key = (task.IssueId, task.ChatSessionId, task.AutopilotRunId);
        if (!_workspaces.TryGetValue(key, out var workspaceId))
            _workspaces[key] = workspaceId = await context.ResolveTaskWorkspaceAsync(task, ct);
        return workspaceId;
    }
}
