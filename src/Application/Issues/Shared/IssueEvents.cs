using Multica.Application.Common.Interfaces;
using Multica.Application.Issues.Events;

namespace Multica.Application.Issues.Shared;

/// <summary>
/// issue:created {issue}, issue:updated (what changed and the values before) and issue:deleted {issue_id}, to the
/// issue's workspace. The team reactions (followers, activity, inbox) read the first two (docs/realtime.md).
/// </summary>
public sealed class IssueEvents(IEventPublisher publisher)
{
    public const string Created = "issue:created";
    public const string Updated = "issue:updated";
    public const string Deleted = "issue:deleted";

    public void IssueCreated(IssueDto issue, string actorType, Guid actorId) =>
        publisher.Publish(new RealtimeEvent(Created, new IssuePayload(issue), issue.WorkspaceId, actorType, actorId));

    public void IssueUpdated(IssueUpdatedPayload change, string actorType, Guid actorId) =>
        publisher.Publish(new RealtimeEvent(Updated, change, change.Issue.WorkspaceId, actorType, actorId));

    public void IssueDeleted(Guid workspaceId, Guid issueId, string actorType, Guid actorId) =>
        publisher.Publish(new RealtimeEvent(Deleted, new IssueDeletedPayload(issueId), workspaceId, actorType, actorId));
}
