using Multica.Application.Common.Realtime;
using Multica.Application.Actors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Reactions.Events;
using Multica.Domain.Entities;

namespace Multica.Application.Reactions.Shared;

/// <summary>
/// reaction:added / reaction:removed (comments) and issue_reaction:added / issue_reaction:removed (issues), to the
/// workspace, with the fields docs/team-features.md lists.
/// </summary>
public sealed class ReactionEvents(IEventPublisher publisher)
{
    public void CommentReactionAdded(ReactionDto reaction, Comment comment, Issue? issue, Actor actor) =>
        Publish(EventTypes.ReactionAdded, comment.WorkspaceId, actor, new CommentReactionAddedPayload(reaction, comment.IssueId,
            issue?.Title ?? "", issue?.Status ?? "", comment.Id, comment.AuthorType, comment.AuthorId));

    public void CommentReactionRemoved(Comment comment, string emoji, Actor actor) =>
        Publish(EventTypes.ReactionRemoved, comment.WorkspaceId, actor,
            new CommentReactionRemovedPayload(comment.Id, comment.IssueId, emoji, actor.Type, actor.Id));

    public void IssueReactionAdded(IssueReactionDto reaction, Issue issue, Actor actor) =>
        Publish(EventTypes.IssueReactionAdded, issue.WorkspaceId, actor, new IssueReactionAddedPayload(reaction, issue.Id,
            issue.Title, issue.Status, issue.CreatorType, issue.CreatorId));

    public void IssueReactionRemoved(Issue issue, string emoji, Actor actor) =>
        Publish(EventTypes.IssueReactionRemoved, issue.WorkspaceId, actor,
            new IssueReactionRemovedPayload(issue.Id, emoji, actor.Type, actor.Id));

    private void Publish(string type, Guid workspaceId, Actor actor, object payload) =>
        publisher.Publish(new RealtimeEvent(type, payload, workspaceId, actor.Type, actor.Id));
}
