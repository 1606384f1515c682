using Multica.Application.Issues.Events;
using Mediator;
using Multica.Application.Actors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Application.Issues.Shared;

namespace Multica.Application.Issues.DeleteIssue;

/// <summary>
/// DELETE /api/issues/{id}: cancels the issue's active tasks, fails its unfinished autopilot runs and
/// deletes the looked-up issue (also when addressed by identifier, unlike upstream).
/// </summary>
public sealed record DeleteIssueCommand(string WorkspaceId, string IssueId, ActorHints Actor) : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class DeleteIssueHandler(
    AccessScope scope,
    IActorResolver actors,
    IIssueRepository issues,
    IssueLookup lookup,
    ITaskCancellationService cancellation,
    ITransactionRunner transactions,
    IssueEvents events,
    TimeProvider time) : ICommandHandler<DeleteIssueCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeleteIssueCommand command, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var issue = await lookup.RequireAsync(command.IssueId, ct);
        var actor = await actors.ResolveAsync(workspaceId, command.Actor, ct);
        await transactions.RunAsync(async token =>
        {
            await cancellation.CancelActiveTasksForIssueAsync(issue.Id, null, token);
            await issues.FailActiveAutopilotRunsAsync(issue.Id, "linked issue was deleted", time.GetUtcNow().UtcDateTime, token);
            await issues.DeleteAsync(issue.Id, token);
            return true;
        }, ct);
        events.IssueDeleted(workspaceId, issue.Id, actor.Type, actor.Id);
        return Unit.Value;
    }
}
