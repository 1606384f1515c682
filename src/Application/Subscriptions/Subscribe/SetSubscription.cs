using Multica.Application.Issues.Shared;
using Mediator;
using Multica.Application.Actors;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Issues;
using Multica.Application.Subscriptions.Shared;

namespace Multica.Application.Subscriptions.Subscribe;

/// <summary>
/// POST /api/issues/{id}/subscribe and /unsubscribe. The target defaults to the caller (the agent when the
/// request acts as one); user_id/user_type in the body name another member or agent of the workspace.
/// </summary>
public sealed record SetSubscriptionCommand(string WorkspaceId, string IssueId, ActorHints Actor, bool Subscribe,
    string? UserId, string? UserType) : ICommand<SubscriptionResultDto>, IWorkspaceMemberScoped
{
    public const string TargetNotMember = "target user is not a member of this workspace";
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class SetSubscriptionHandler(
    AccessScope scope,
    IssueLookup lookup,
    IActorResolver actors,
    ISubscriberRepository subscribers,
    SubscriberEvents events,
    TimeProvider time) : ICommandHandler<SetSubscriptionCommand, SubscriptionResultDto>
{
    public async ValueTask<SubscriptionResultDto> Handle(SetSubscriptionCommand c, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var issue = await lookup.RequireAsync(c.IssueId, ct);
        var actor = await actors.ResolveAsync(workspaceId, c.Actor, ct);
        var targetType = string.IsNullOrWhiteSpace(c.UserType) ? actor.Type : c.UserType.Trim();
        Guid? targetId = string.IsNullOrWhiteSpace(c.UserId) ? actor.Id : Ids.Parse(c.UserId);
        if (targetId is not { } target || !await subscribers.IsWorkspaceEntityAsync(workspaceId, targetType, target, ct))
            throw new ForbiddenException(SetSubscriptionCommand.TargetNotMember);

        if (c.Subscribe)
        {
            await subscribers.AddAsync(issue.Id, targetType, target, SubscriptionReason.Manual, time.GetUtcNow().UtcDateTime, ct);
            events.SubscriberAdded(workspaceId, issue.Id, targetType, target, SubscriptionReason.Manual, actor.Type, actor.Id);
        }
        else
        {
            await subscribers.RemoveAsync(issue.Id, targetType, target, ct);
            events.SubscriberRemoved(workspaceId, issue.Id, targetType, target, actor.Type, actor.Id);
        }
        return new SubscriptionResultDto(c.Subscribe);
    }
}
