using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Application.Agents.Shared;

namespace Multica.Application.Agents.ListAgentTasks;

/// <summary>GET /api/agents/{id}/tasks: newest first.</summary>
public sealed record ListAgentTasksQuery(string WorkspaceId, string AgentId) : IQuery<IReadOnlyList<TaskDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListAgentTasksHandler(AgentAccess access, ITaskReadRepository tasks) : IQueryHandler<ListAgentTasksQuery, IReadOnlyList<TaskDto>>
{
    public async ValueTask<IReadOnlyList<TaskDto>> Handle(ListAgentTasksQuery query, CancellationToken ct)
    {
        var agent = await access.RequireAsync(query.AgentId, ct);
        return (await tasks.ListForAgentAsync(agent.Id, ct)).Select(TaskMapper.ToDto).ToList();
    }
}
