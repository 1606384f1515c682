using Multica.Application.Actors;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Entities;

namespace Multica.Application.Reactions.Shared;

/// <summary>
/// reaction:added / reaction:removed (comments) and issue_reaction:added / issue_reaction:removed (issues), to the
/// workspace, with the fields docs/team-features.md lists.
/// </summary>
public sealed class ReactionEvents(IEventPublisher publisher)
{
    public void CommentReactionAdded(ReactionDto reaction, Comment comment, Issue? issue, Actor actor) =>
        Publish("reaction:added", comment.WorkspaceId, actor, new Dictionary<string, object?>
        {
            ["reaction"] = reaction,
            ["issue_id"] = comment.IssueId,
            ["issue_title"] = issue?.Title ?? "",
            ["issue_status"] = issue?.Status ?? "",
            ["comment_id"] = comment.Id,
            ["comment_author_type"] = comment.AuthorType,
            ["comment_author_id"] = comment.AuthorId,
        });

    public void CommentReactionRemoved(Comment comment, string emoji, Actor actor) =>
        Publish("reaction:removed", comment.WorkspaceId, actor, new Dictionary<string, object?>
        {
            ["comment_id"] = comment.Id,
            ["issue_id"] = comment.IssueId,
            ["emoji"] = emoji,
            ["actor_type"] = actor.Type,
            ["actor_id"] = actor.Id,
        });

    public void IssueReactionAdded(IssueReactionDto reaction, Issue issue, Actor actor) =>
        Publish("issue_reaction:added", issue.WorkspaceId, actor, new Dictionary<string, object?>
        {
            ["reaction"] = reaction,
            ["issue_id"] = issue.Id,
            ["issue_title"] = issue.Title,
            ["issue_status"] = issue.Status,
            ["creator_type"] = issue.CreatorType,
            ["creator_id"] = issue.CreatorId,
        });

    public void IssueReactionRemoved(Issue issue, string emoji, Actor actor) =>
        Publish("issue_reaction:removed", issue.WorkspaceId, actor, new Dictionary<string, object?>
        {
            ["issue_id"] = issue.Id,
            ["emoji"] = emoji,
            ["actor_type"] = actor.Type,
            ["actor_id"] = actor.Id,
        });

    private void Publish(string type, Guid workspaceId, Actor actor, object payload) =>
        publisher.Publish(new RealtimeEvent(type, payload, workspaceId, actor.Type, actor.Id));
}
