using Multica.Application.Common.Realtime;
using Multica.Application.Common.Interfaces;
using Multica.Application.Issues.Events;

namespace Multica.Application.Issues.Shared;

/// <summary>
/// issue:created {issue}, issue:updated (what changed and the values before) and issue:deleted {issue_id}, to the
/// issue's workspace. The team reactions (followers, activity, inbox) read the first two (docs/realtime.md).
/// Updates and deletions are published when the outermost transaction commits, so a batch (one transaction over
/// many issues) sends nothing it rolls back.
/// </summary>
public sealed class IssueEvents(IEventPublisher publisher, ITransactionRunner transactions)
{

    public void IssueCreated(IssueDto issue, string actorType, Guid actorId) =>
        publisher.Publish(new RealtimeEvent(EventTypes.IssueCreated, new IssuePayload(issue), issue.WorkspaceId, actorType, actorId));

    public void IssueUpdated(IssueUpdatedPayload change, string actorType, Guid actorId)
    {
        var updated = new RealtimeEvent(EventTypes.IssueUpdated, change, change.Issue.WorkspaceId, actorType, actorId);
        transactions.AfterCommit(() => publisher.Publish(updated));
    }

    public void IssueDeleted(Guid workspaceId, Guid issueId, string actorType, Guid actorId)
    {
        var deleted = new RealtimeEvent(EventTypes.IssueDeleted, new IssueDeletedPayload(issueId), workspaceId, actorType, actorId);
        transactions.AfterCommit(() => publisher.Publish(deleted));
    }
}
