using Multica.Application.Common;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Tasks.Lifecycle;

namespace Multica.Application.DaemonProtocol.TaskRuns.ReportTaskProgress;

/// <summary>
/// POST /api/daemon/tasks/{taskId}/progress — broadcast only, nothing stored. The event goes to the
/// task's workspace however it is resolved (upstream only found it for issue tasks).
/// </summary>
public sealed record ReportTaskProgressCommand(string TaskId, string Summary, int Step, int Total) : ICommand<StatusOkDto>, IDaemonTaskRefScoped;

public sealed class ReportTaskProgressHandler(AccessScope scope, TaskEvents events) : ICommandHandler<ReportTaskProgressCommand, StatusOkDto>
{
    public ValueTask<StatusOkDto> Handle(ReportTaskProgressCommand command, CancellationToken ct)
    {
        events.Progress(command.TaskId, command.Summary, command.Step, command.Total, scope.WorkspaceId);
        return ValueTask.FromResult(StatusOkDto.Ok);
    }
}
