using Mediator;
using Multica.Application.Common.Security;

namespace Multica.Application.DaemonProtocol.TaskRuns.GetTaskStatus;

/// <summary>GET /api/daemon/tasks/{taskId}/status — polled by the daemon to notice cancellation.</summary>
public sealed record GetTaskStatusQuery(string TaskId) : IQuery<TaskStatusDto>, IDaemonTaskScoped;

public sealed record TaskStatusDto(string Status);

public sealed class GetTaskStatusHandler(AccessScope scope) : IQueryHandler<GetTaskStatusQuery, TaskStatusDto>
{
    // The access check already loaded the row in this request.
    public ValueTask<TaskStatusDto> Handle(GetTaskStatusQuery query, CancellationToken ct) =>
        ValueTask.FromResult(new TaskStatusDto(scope.RequireTask().Status));
}
