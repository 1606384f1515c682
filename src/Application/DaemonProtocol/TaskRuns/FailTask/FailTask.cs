using Multica.Application.DaemonProtocol.TaskRuns.Shared;
using Multica.Application.Common;
using Multica.Application.Tasks.StateMachine;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Lifecycle;

namespace Multica.Application.DaemonProtocol.TaskRuns.FailTask;

public sealed class FailTaskBody : FinishedTaskReport
{
    public string? Error { get; init; }
    public string? FailureReason { get; init; }
}

/// <summary>POST /api/daemon/tasks/{taskId}/fail — access first, then the body; a replay on a finished task returns it unchanged.</summary>
public sealed record FailTaskCommand(string TaskId, DeferredBody<FailTaskBody> Body)
    : ICommand<TaskDto>, IDaemonTaskRefScoped;

public sealed class FailTaskHandler(AccessScope scope, TaskTransitionService transitions) : ICommandHandler<FailTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(FailTaskCommand c, CancellationToken ct)
    {
        var task = scope.RequireTaskRef();
        var b = c.Body.Require();
        var failed = await transitions.FailAsync(task.Id,
            new FailInput(b.Error, b.FailureReason, b.Session()), scope.WorkspaceId, ct);
        return TaskMapper.ToDto(failed, scope.WorkspaceId);
    }
}
