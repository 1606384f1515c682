using Multica.Application.Tasks;
using Mediator;
using Multica.Application.Chat;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;

namespace Multica.Application.Tasks.CancelTask;

/// <summary>
/// POST /api/tasks/{taskId}/cancel (docs/api.md). A chat task must belong to one of the caller's
/// sessions in the request workspace; an issue task to an issue of the workspace. Run-only autopilot tasks
/// resolve their workspace through the autopilot (upstream answers 404 for them).
/// </summary>
public sealed record CancelTaskCommand(string WorkspaceId, string TaskId) : ICommand<TaskDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class CancelTaskHandler(
    AccessScope scope,
    ICallerContext caller,
    ITaskReadRepository tasks,
    IChatRepository chats,
    ITaskCancellationService cancellation) : ICommandHandler<CancelTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(CancelTaskCommand command, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var task = Ids.Parse(command.TaskId) is { } id ? await tasks.FindAsync(id, ct) : null;
        if (task is null)
            throw new NotFoundException(ErrorMessages.TaskNotFound);

        if (task.ChatSessionId is { } sessionId)
        {
            var session = await chats.FindSessionAsync(workspaceId, sessionId, ct) ?? throw new NotFoundException(ErrorMessages.TaskNotFound);
            if (session.CreatorId != caller.RequireUserId())
                throw new ForbiddenException("not your task");
        }
        else if (await tasks.ResolveWorkspaceIdAsync(task, ct) != workspaceId)
        {
            throw new NotFoundException(ErrorMessages.TaskNotFound);
        }

        var result = await cancellation.CancelTaskAsync(task.Id, ct) ?? throw new NotFoundException(ErrorMessages.TaskNotFound);
        return TaskMapper.ToDto(result);
    }
}
