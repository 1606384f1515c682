using Multica.Application.Tasks.StateMachine;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;

namespace Multica.Application.DaemonProtocol.TaskRuns.StartTask;

/// <summary>POST /api/daemon/tasks/{taskId}/start — dispatched → running. No event, agent status untouched.</summary>
public sealed record StartTaskCommand(string TaskId) : ICommand<TaskDto>, IDaemonTaskRefScoped;

public sealed class StartTaskHandler(AccessScope scope, TaskTransitionService transitions) : ICommandHandler<StartTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(StartTaskCommand command, CancellationToken ct)
    {
        var started = await transitions.StartAsync(scope.RequireTaskRef().Id, ct)
            ?? throw new BadRequestException("start task: no rows in result set");
        return TaskMapper.ToDto(started, scope.WorkspaceId);
    }
}
