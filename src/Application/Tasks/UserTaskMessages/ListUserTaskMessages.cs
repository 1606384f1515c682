using Mediator;
using Multica.Application.Common;
using Microsoft.Extensions.Options;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;

namespace Multica.Application.Tasks.UserTaskMessages;

/// <summary>GET /api/tasks/{taskId}/messages[?since=N][&amp;limit=M] — one page of the transcript for a member of the task's workspace.</summary>
public sealed record ListUserTaskMessagesQuery(string? WorkspaceId, string TaskId, string? Since, string? Limit = null)
    : IQuery<TaskMessagePage>, IWorkspaceMemberScoped;

public sealed class ListUserTaskMessagesHandler(AccessScope scope, IAccessRepository access, ITaskRepository tasks, IOptions<LimitOptions> options)
    : IQueryHandler<ListUserTaskMessagesQuery, TaskMessagePage>
{
    public async ValueTask<TaskMessagePage> Handle(ListUserTaskMessagesQuery query, CancellationToken ct)
    {
        // A task of another workspace looks exactly like a missing one.
        var found = Guid.TryParse(query.TaskId, out var id) ? await access.FindTaskWithWorkspaceAsync(id, ct) : null;
        if (found is not { } row || row.WorkspaceId != scope.RequireWorkspaceId())
            throw new NotFoundException(ErrorMessages.TaskNotFound);
        TaskMessageListing.Validate(query.Since, query.Limit);
        return await TaskMessageListing.ListAsync(tasks, row.Task, query.Since, query.Limit, options.Value, ct);
    }
}
