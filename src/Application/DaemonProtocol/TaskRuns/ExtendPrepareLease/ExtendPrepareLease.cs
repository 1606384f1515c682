using Multica.Application.Tasks.StateMachine;
using Multica.Application.Tasks;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;

namespace Multica.Application.DaemonProtocol.TaskRuns.ExtendPrepareLease;

/// <summary>
/// POST /api/daemon/runtimes/{runtimeId}/tasks/{taskId}/prepare-lease — keeps a claimed, not yet
/// started task from being offered again while the daemon prepares it.
/// </summary>
public sealed record ExtendPrepareLeaseCommand(string RuntimeId, string TaskId) : ICommand<TaskDto>, IDaemonRuntimeScoped, IDaemonTaskScoped;

public sealed class ExtendPrepareLeaseHandler(AccessScope scope, TaskTransitionService transitions, TimeProvider time)
    : ICommandHandler<ExtendPrepareLeaseCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(ExtendPrepareLeaseCommand command, CancellationToken ct)
    {
        var (runtime, task) = TaskPreparation.RequireTaskOfRuntime(scope);
        var until = time.GetUtcNow().UtcDateTime + TaskPreparation.LeaseDuration;
        var extended = await transitions.ExtendLeaseAsync(task.Id, runtime.Id, until, ct)
            ?? throw new BadRequestException("extend task prepare lease: no rows in result set");
        return TaskMapper.ToDto(extended);
    }
}
