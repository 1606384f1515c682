using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;

namespace Multica.Application.Tasks.UserTaskMessages;

/// <summary>GET /api/tasks/{taskId}/messages[?since=N] — the transcript for a member of the task's workspace.</summary>
public sealed record ListUserTaskMessagesQuery(string? WorkspaceId, string TaskId, string? Since)
    : IQuery<IReadOnlyList<TaskMessageDto>>, IWorkspaceMemberScoped;

public sealed class ListUserTaskMessagesHandler(AccessScope scope, IAccessRepository access, ITaskRepository tasks)
    : IQueryHandler<ListUserTaskMessagesQuery, IReadOnlyList<TaskMessageDto>>
{
    public async ValueTask<IReadOnlyList<TaskMessageDto>> Handle(ListUserTaskMessagesQuery query, CancellationToken ct)
    {
        // A task of another workspace looks exactly like a missing one.
        var found = Guid.TryParse(query.TaskId, out var id) ? await access.FindTaskWithWorkspaceAsync(id, ct) : null;
        if (found is not { } row || row.WorkspaceId != scope.RequireWorkspaceId())
            throw new NotFoundException(ErrorMessages.TaskNotFound);
        if (!TaskMessageListing.IsValidSince(query.Since))
            throw new BadRequestException(TaskMessageListing.InvalidSince);
        return await TaskMessageListing.ListAsync(tasks, row.Task, query.Since, ct);
    }
}
