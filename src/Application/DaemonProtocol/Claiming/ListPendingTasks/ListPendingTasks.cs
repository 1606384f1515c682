using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;

namespace Multica.Application.DaemonProtocol.Claiming.ListPendingTasks;

/// <summary>GET /api/daemon/runtimes/{runtimeId}/tasks/pending — queued and dispatched tasks, priority then age.</summary>
public sealed record ListPendingTasksQuery(string RuntimeId) : IQuery<IReadOnlyList<TaskDto>>, IDaemonRuntimeScoped;

public sealed class ListPendingTasksHandler(AccessScope scope, ITaskRepository tasks) : IQueryHandler<ListPendingTasksQuery, IReadOnlyList<TaskDto>>
{
    public async ValueTask<IReadOnlyList<TaskDto>> Handle(ListPendingTasksQuery query, CancellationToken ct) =>
        TaskMapper.ToDtos(await tasks.ListPendingForRuntimeAsync(scope.RequireRuntime().Id, ct));
}
