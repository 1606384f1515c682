using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Application.Chat.Shared;

namespace Multica.Application.Chat.GetPendingChatTask;

/// <summary>GET /api/chat/sessions/{sessionId}/pending-task: {"task_id","status"} of the newest active task, or {}.</summary>
public sealed record GetPendingChatTaskQuery(string WorkspaceId, string SessionId)
    : IQuery<IReadOnlyDictionary<string, object>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetPendingChatTaskHandler(ChatSessionAccess access, ITaskReadRepository tasks)
    : IQueryHandler<GetPendingChatTaskQuery, IReadOnlyDictionary<string, object>>
{
    public async ValueTask<IReadOnlyDictionary<string, object>> Handle(GetPendingChatTaskQuery query, CancellationToken ct)
    {
        var session = await access.RequireOwnAsync(query.SessionId, ct);
        var task = await tasks.LatestActiveForChatSessionAsync(session.Id, ct);
        return task is null
            ? new Dictionary<string, object>()
            : new Dictionary<string, object> { ["task_id"] = task.Id, ["status"] = task.Status };
    }
}
