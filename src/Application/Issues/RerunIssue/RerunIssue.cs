using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Domain.Constants;
using Multica.Application.Issues.Shared;

namespace Multica.Application.Issues.RerunIssue;

/// <summary>
/// POST /api/issues/{id}/rerun (docs/lifecycle.md): cancels the assignee's active tasks on the issue
/// and enqueues a fresh one (no backlog rule); enqueue failures are 400 with their reason.
/// </summary>
public sealed record RerunIssueCommand(string WorkspaceId, string IssueId) : ICommand<TaskDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class RerunIssueHandler(IssueLookup lookup, ITaskEnqueueService enqueue, ITaskCancellationService cancellation)
    : ICommandHandler<RerunIssueCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(RerunIssueCommand command, CancellationToken ct)
    {
        var issue = await lookup.RequireAsync(command.IssueId, ct);
        if (issue.AssigneeType != ActorType.Agent || issue.AssigneeId is not { } agentId)
            throw new BadRequestException("issue is not assigned to an agent");
        await cancellation.CancelActiveTasksForIssueAsync(issue.Id, agentId, ct);
        try
        {
            return TaskMapper.ToDto(await enqueue.EnqueueForIssueAsync(issue.Id, agentId, null, ct));
        }
        catch (TaskEnqueueException ex)
        {
            throw new BadRequestException(ex.Message);
        }
    }
}
