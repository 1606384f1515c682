using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Common.Timing;

namespace Multica.Application.Common.Behaviours;

/// <summary>
/// Checks the caller against what the request declares it touches (runtime, task, workspace).
/// A miss is a 404 with the upstream string — cross-workspace access looks like a missing id.
/// What it loads is kept in <see cref="AccessScope"/> for the handler.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(
    ICallerContext callerContext,
    IAccessRepository access,
    DaemonWorkspaceAccess daemonWorkspaces,
    AccessScope scope,
    IRequestTimings timings)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var caller = callerContext.Caller;
        if (message is IHumanOnly && caller.IsTaskToken)
            throw new ForbiddenException(ErrorMessages.InsufficientPermissions);

        if (message is IDaemonRuntimeScoped or IDaemonTaskScoped or IDaemonWorkspaceScoped or IWorkspaceMemberScoped)
        {
            using (timings.Measure("auth"))
            {
                if (message is IDaemonRuntimeScoped runtimeScoped)
                    await AuthorizeRuntimeAsync(caller, runtimeScoped.RuntimeId, cancellationToken);
                if (message is IDaemonTaskScoped taskScoped)
                    await AuthorizeTaskAsync(caller, taskScoped, cancellationToken);
                if (message is IDaemonWorkspaceScoped workspaceScoped)
                {
                    var workspaceId = ParseOrNull(workspaceScoped.WorkspaceId);
                    await RequireDaemonWorkspaceAccessAsync(caller, workspaceId, cancellationToken);
                    scope.WorkspaceId = workspaceId;
                }
                if (message is IWorkspaceMemberScoped memberScoped)
                    await AuthorizeMemberAsync(caller, memberScoped, cancellationToken);
            }
        }

        return await next(message, cancellationToken);
    }

    private async Task AuthorizeRuntimeAsync(Caller caller, string runtimeId, CancellationToken ct)
    {
        var id = ParseOrNull(runtimeId);
        var runtime = id is null ? null : await access.FindDaemonRuntimeAsync(id.Value, ct);
        if (runtime is null)
            throw new NotFoundException(ErrorMessages.RuntimeNotFound);
        await RequireDaemonWorkspaceAccessAsync(caller, runtime.WorkspaceId, ct);
        scope.Runtime = runtime;
        scope.WorkspaceId = runtime.WorkspaceId;
    }

    private async Task AuthorizeTaskAsync(Caller caller, IDaemonTaskScoped request, CancellationToken ct)
    {
        var id = ParseOrNull(request.TaskId);
        TaskRef? task;
        if (request is IDaemonTaskRefScoped)
            task = id is null ? null : await access.FindTaskRefAsync(id.Value, ct);
        else
        {
            var found = id is null ? null : await access.FindTaskWithWorkspaceAsync(id.Value, ct);
            task = found is { WorkspaceId: { } workspaceId } ? TaskRef.Of(found.Value.Task, workspaceId) : null;
            scope.Task = found?.Task;
        }
        if (task is null)
            throw new NotFoundException(ErrorMessages.TaskNotFound);
        await RequireDaemonWorkspaceAccessAsync(caller, task.WorkspaceId, ct);
        scope.TaskRef = task;
        scope.WorkspaceId = task.WorkspaceId;
    }

    private async Task RequireDaemonWorkspaceAccessAsync(Caller caller, Guid? workspaceId, CancellationToken ct)
    {
        var member = await daemonWorkspaces.RequireAsync(workspaceId, ct);
        if (member is not null)
            scope.Member = member;
    }

    private async Task AuthorizeMemberAsync(Caller caller, IWorkspaceMemberScoped request, CancellationToken ct)
    {
        if (caller.UserId is null)
            throw new UnauthorizedException(ErrorMessages.UserNotAuthenticated);
        var workspaceId = ParseOrNull(request.WorkspaceId);
        // A task token acts only inside the workspace it was minted for.
        if (workspaceId is null || (caller.IsTaskToken && caller.TokenWorkspaceId != workspaceId))
            throw new NotFoundException(ErrorMessages.WorkspaceNotFound);
        var member = await access.FindMembershipAsync(caller.UserId.Value, workspaceId.Value, ct)
            ?? throw new NotFoundException(ErrorMessages.WorkspaceNotFound);
        var roles = request.RequiredRoles;
        if (roles is { Count: > 0 } && !roles.Contains(member.Role))
            throw new ForbiddenException(ErrorMessages.InsufficientPermissions);
        scope.Member = member;
        scope.WorkspaceId = workspaceId;
    }

    private static Guid? ParseOrNull(string? value) => Guid.TryParse(value, out var id) ? id : null;
}
