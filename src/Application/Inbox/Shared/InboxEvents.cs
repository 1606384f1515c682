using Multica.Application.Common.Realtime;
using Multica.Application.Common.Interfaces;
using Multica.Application.Inbox.Events;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Inbox.Shared;

/// <summary>
/// The inbox:* realtime events. All are personal: only the recipient's own sockets receive them.
/// </summary>
public sealed class InboxEvents(IEventPublisher publisher)
{
    /// <summary>inbox:new {item} with the actor of the event that caused it.</summary>
    public void ItemCreated(InboxItem item, string? issueStatus) => publisher.Publish(NewEvent(item, issueStatus));

    /// <summary>The inbox:new event of an item, for publishers that send it themselves (after their commit).</summary>
    public static RealtimeEvent NewEvent(InboxItem item, string? issueStatus) =>
        new(EventTypes.InboxNew, new InboxNewPayload(InboxItemDto.From(item, issueStatus)),
            item.WorkspaceId, item.ActorType, item.ActorId, UserId: item.RecipientId);

    public void ItemRead(InboxItem item) => publisher.Publish(new RealtimeEvent(EventTypes.InboxRead, new InboxReadPayload(item.Id, item.RecipientId),
        item.WorkspaceId, ActorType.Member, item.RecipientId, UserId: item.RecipientId));

    public void ItemArchived(InboxItem item) => publisher.Publish(new RealtimeEvent(EventTypes.InboxArchived, new InboxArchivedPayload(item.Id, item.IssueId, item.RecipientId),
        item.WorkspaceId, ActorType.Member, item.RecipientId, UserId: item.RecipientId));

    public void Batch(string type, Guid workspaceId, Guid userId, int count) => publisher.Publish(new RealtimeEvent(type,
        new InboxBatchPayload(userId, count),
        workspaceId, ActorType.Member, userId, UserId: userId));
}
