using Multica.Application.Tasks.StateMachine;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Entities;

namespace Multica.Application.Tasks.IssueTaskRuns;

// The user-facing task routes of the web app (docs/daemon-protocol.md). The workspace comes from the request
// (slug or id); the issue parameter is a UUID or a "PREFIX-N" identifier inside that workspace.

/// <summary>GET /api/issues/{id}/active-task — dispatched and running tasks, newest first.</summary>
public sealed record GetActiveTasksQuery(string? WorkspaceId, string IssueRef) : IQuery<ActiveTasksDto>, IWorkspaceMemberScoped;

public sealed record ActiveTasksDto(IReadOnlyList<TaskDto> Tasks);

/// <summary>GET /api/issues/{id}/task-runs — every task of the issue, newest first.</summary>
public sealed record ListIssueTaskRunsQuery(string? WorkspaceId, string IssueRef) : IQuery<IReadOnlyList<TaskDto>>, IWorkspaceMemberScoped;

/// <summary>POST /api/issues/{id}/tasks/{taskId}/cancel — the task must belong to that issue.</summary>
public sealed record CancelIssueTaskCommand(string? WorkspaceId, string IssueRef, string TaskId) : ICommand<TaskDto>, IWorkspaceMemberScoped;

/// <summary>GET /api/issues/{id}/usage — token totals over all tasks of the issue.</summary>
public sealed record GetIssueUsageQuery(string? WorkspaceId, string IssueRef) : IQuery<IssueUsageSummary>, IWorkspaceMemberScoped;

/// <summary>Resolves the issue parameter inside the request's workspace (404 "issue not found").</summary>
public sealed class IssueReferenceResolver(AccessScope scope, ITaskContextRepository context)
{
    public async Task<Issue> ResolveAsync(string reference, CancellationToken ct) =>
        await context.FindIssueByReferenceAsync(scope.RequireWorkspaceId(), reference, ct)
        ?? throw new NotFoundException(ErrorMessages.IssueNotFound);
}

public sealed class GetActiveTasksHandler(IssueReferenceResolver issues, ITaskRepository tasks) : IQueryHandler<GetActiveTasksQuery, ActiveTasksDto>
{
    public async ValueTask<ActiveTasksDto> Handle(GetActiveTasksQuery query, CancellationToken ct)
    {
        var issue = await issues.ResolveAsync(query.IssueRef, ct);
        return new ActiveTasksDto(TaskMapper.ToDtos(await tasks.ListForIssueAsync(issue.Id, inFlightOnly: true, ct)));
    }
}

public sealed class ListIssueTaskRunsHandler(IssueReferenceResolver issues, ITaskRepository tasks) : IQueryHandler<ListIssueTaskRunsQuery, IReadOnlyList<TaskDto>>
{
    public async ValueTask<IReadOnlyList<TaskDto>> Handle(ListIssueTaskRunsQuery query, CancellationToken ct)
    {
        var issue = await issues.ResolveAsync(query.IssueRef, ct);
        return TaskMapper.ToDtos(await tasks.ListForIssueAsync(issue.Id, inFlightOnly: false, ct));
    }
}

public sealed class CancelIssueTaskHandler(IssueReferenceResolver issues, ITaskRepository tasks, TaskTransitionService transitions)
    : ICommandHandler<CancelIssueTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(CancelIssueTaskCommand command, CancellationToken ct)
    {
        var issue = await issues.ResolveAsync(command.IssueRef, ct);
        var task = Guid.TryParse(command.TaskId, out var taskId) ? await tasks.FindAsync(taskId, ct) : null;
        if (task is null || task.IssueId != issue.Id)
            throw new NotFoundException(ErrorMessages.TaskNotFound);
        var cancelled = await transitions.CancelAsync(task.Id, ct) ?? throw new BadRequestException("cancel task: task not found");
        return TaskMapper.ToDto(cancelled);
    }
}

public sealed class GetIssueUsageHandler(IssueReferenceResolver issues, ITaskRepository tasks) : IQueryHandler<GetIssueUsageQuery, IssueUsageSummary>
{
    public async ValueTask<IssueUsageSummary> Handle(GetIssueUsageQuery query, CancellationToken ct)
    {
        var issue = await issues.ResolveAsync(query.IssueRef, ct);
        return await tasks.SummarizeIssueUsageAsync(issue.Id, ct);
    }
}
