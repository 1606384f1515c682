using Multica.Application.DaemonProtocol.TaskRuns.Shared;
using Multica.Application.Common;
using Multica.Application.Tasks.StateMachine;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Lifecycle;

namespace Multica.Application.DaemonProtocol.TaskRuns.CompleteTask;

public sealed class CompleteTaskBody : FinishedTaskReport
{
    public string? PrUrl { get; init; }
    public string? Output { get; init; }
}

/// <summary>
/// POST /api/daemon/tasks/{taskId}/complete. Access is checked before the body is judged (a deferred body).
/// A replay on a finished task returns it unchanged.
/// </summary>
public sealed record CompleteTaskCommand(string TaskId, DeferredBody<CompleteTaskBody> Body)
    : ICommand<TaskDto>, IDaemonTaskRefScoped;

public sealed class CompleteTaskHandler(AccessScope scope, TaskTransitionService transitions) : ICommandHandler<CompleteTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(CompleteTaskCommand c, CancellationToken ct)
    {
        var task = scope.RequireTaskRef();
        var b = c.Body.Require();
        var done = await transitions.CompleteAsync(task.Id,
            new CompleteInput(b.PrUrl, b.Output, b.Session()), scope.WorkspaceId, ct);
        return TaskMapper.ToDto(done, scope.WorkspaceId);
    }
}
