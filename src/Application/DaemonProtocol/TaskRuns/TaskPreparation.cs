using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Domain.Tasks;

namespace Multica.Application.DaemonProtocol.TaskRuns;

/// <summary>Rules shared by the routes that act on a claimed task before it starts.</summary>
public static class TaskPreparation
{
    /// <summary>How long a claimed task is protected from reclaim after each lease call.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(45);

    /// <summary>
    /// /runtimes/{rid}/tasks/{tid}/… routes: after runtime and task access, the task must be the
    /// runtime's own and live in the runtime's workspace, else 404 "task not found".
    /// </summary>
    public static (AgentRuntime Runtime, AgentTask Task) RequireTaskOfRuntime(AccessScope scope)
    {
        var runtime = scope.RequireRuntime();
        var task = scope.RequireTask();
        if (task.RuntimeId != runtime.Id || scope.WorkspaceId != runtime.WorkspaceId)
            throw new NotFoundException(ErrorMessages.TaskNotFound);
        return (runtime, task);
    }

    public static bool IsPreparing(AgentTask task) =>
        TaskStateMachine.Unstarted.Contains(task.Status);
}
