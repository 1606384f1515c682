using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;

namespace Multica.Application.Chat.ListPendingChatTasks;

public sealed record PendingChatTaskDto(Guid TaskId, string Status, Guid ChatSessionId);

public sealed record PendingChatTasksDto(IReadOnlyList<PendingChatTaskDto> Tasks);

/// <summary>GET /api/chat/pending-tasks: active tasks of all the caller's sessions in the workspace, newest first.</summary>
public sealed record ListPendingChatTasksQuery(string WorkspaceId) : IQuery<PendingChatTasksDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListPendingChatTasksHandler(AccessScope scope, ICallerContext caller, ITaskReadRepository tasks)
    : IQueryHandler<ListPendingChatTasksQuery, PendingChatTasksDto>
{
    public async ValueTask<PendingChatTasksDto> Handle(ListPendingChatTasksQuery query, CancellationToken ct)
    {
        var list = await tasks.ActiveForUserChatSessionsAsync(caller.RequireUserId(), scope.RequireWorkspaceId(), ct);
        return new PendingChatTasksDto(list.Select(t => new PendingChatTaskDto(t.Id, t.Status, t.ChatSessionId!.Value)).ToList());
    }
}
