using Multica.Application.Common.Realtime;
using Multica.Application.Comments.Shared;
using Multica.Application.Issues.Shared;
using System.Text.Json;
using Multica.Application.Activity;
using Multica.Application.Activity.Shared;
using Multica.Application.Comments;
using Multica.Application.Common;
using Multica.Application.Common.Interfaces;
using Multica.Application.Inbox;
using Multica.Application.Inbox.Shared;
using Multica.Application.Issues;
using Multica.Application.Issues.Events;
using Multica.Application.Subscriptions;
using Multica.Application.Subscriptions.Shared;
using Multica.Application.Workspaces;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using static Multica.Application.Notifications.IssueEventFacts;

namespace Multica.Application.Notifications;

/// <summary>
/// What follows a published issue:created, issue:updated or comment:created, after the change committed:
/// creators, assignees, commenters and mentioned actors start following the issue; the issue's timeline
/// gets activity entries; followers and direct targets get inbox items (never the actor itself).
/// Task outcomes (task_completed / task_failed) are recorded by the task lifecycle itself.
/// </summary>
public sealed class IssueEventReactions(
    ISubscriberRepository subscribers,
    IReactionRowWriter rows,
    IIssueRepository issues,
    IWorkspaceSettingsRepository workspaceMembers,
    SubscriberEvents subscriberEvents,
    InboxEvents inboxEvents,
    IEventPublisher publisher,
    ITransactionRunner transactions,
    IWorkspaceRepository workspaces,
    TimeProvider time)
{
    public static bool Handles(string eventType) => eventType is EventTypes.IssueCreated or EventTypes.IssueUpdated or EventTypes.CommentCreated;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// All of the events' rows (followers, activity, inbox items) in one transaction, event after event in the order
    /// given: one commit, one workspace lock and one final write for the batch instead of one each per event
    /// (docs/benchmarks.md, seventeenth stop), and their realtime events only once it committed. Each workspace row is
    /// share-locked before its first event, in the order a workspace delete takes its locks, so the two wait for each
    /// other instead of deadlocking; a workspace already gone has nothing left to react to. If any event fails, the
    /// whole batch rolls back: the caller reacts to each event alone then (IssueEventListener).
    /// </summary>
    public Task HandleAsync(IReadOnlyList<RealtimeEvent> events, CancellationToken ct) => transactions.RunAsync(async token =>
    {
        // Cleared on every attempt: the execution strategy may run this transaction again.
        _follows.Clear();
        _entries.Clear();
        _items.Clear();
        var locked = new HashSet<Guid>();
        foreach (var e in events)
            await ReactAsync(e, locked, token);
        await rows.AddAsync(_follows, _entries, _items, token);
        return true;
    }, ct);

    // The batch's new followers, activity entries and inbox items, written together at its end (IReactionRowWriter);
    // followers are written earlier when a reaction reads the followers (WriteFollowsAsync).
    private readonly List<IssueFollow> _follows = [];
    private readonly List<ActivityLog> _entries = [];
    private readonly List<InboxItem> _items = [];

    private async Task ReactAsync(RealtimeEvent e, HashSet<Guid> locked, CancellationToken ct)
    {
        if (e.WorkspaceId is not { } workspaceId)
            return;
        if (e.Type == EventTypes.CommentCreated)
        {
            // A comment's issue is read by the statement that takes the workspace lock.
            if (Comment(e) is not { } comment
                || await issues.FindSharingWorkspaceLockAsync(workspaceId, comment.IssueId, ct) is not { } issue)
                return;
            locked.Add(workspaceId);
            await OnCommentCreatedAsync(e, comment, issue, ct);
        }
        else if (locked.Contains(workspaceId) || (await workspaces.ShareLockAsync(workspaceId, ct) && locked.Add(workspaceId)))
            await ReactAsync(e, ct);
    }

    private Task ReactAsync(RealtimeEvent e, CancellationToken ct) => e.Type switch
    {
        EventTypes.IssueCreated => OnIssueCreatedAsync(e, ct),
        EventTypes.IssueUpdated => OnIssueUpdatedAsync(e, ct),
        _ => Task.CompletedTask,
    };

    private async Task OnIssueCreatedAsync(RealtimeEvent e, CancellationToken ct)
    {
        if (Issue(e) is not { } issue)
            return;
        List<NewSubscription> follows = [new(issue.CreatorType, issue.CreatorId, SubscriptionReason.Creator)];
        var hasAssignee = issue is { AssigneeType: not null, AssigneeId: not null };
        if (hasAssignee && !(issue.AssigneeType == issue.CreatorType && issue.AssigneeId == issue.CreatorId))
            follows.Add(new(issue.AssigneeType!, issue.AssigneeId!.Value, SubscriptionReason.Assignee));
        var mentions = Mentions.Parse(issue.Description);
        foreach (var m in mentions)
            if (ActorMention(m) is { } target)
                follows.Add(new(m.Type, target, SubscriptionReason.Mentioned));
        Subscribe(issue, follows);

        Record(e, issue, ActivityAction.Created, null);

        var skip = new HashSet<Guid>();
        if (e.ActorId is { } actor)
            skip.Add(actor);
        if (hasAssignee)
        {
            skip.Add(issue.AssigneeId!.Value);
            NotifyDirect(e, issue, issue.AssigneeType!, issue.AssigneeId!.Value, InboxType.IssueAssigned, InboxType.ActionRequired,
                null, null);
        }
        await NotifyMentionedAsync(e, issue, mentions, skip, null, ct);
    }

    private async Task OnIssueUpdatedAsync(RealtimeEvent e, CancellationToken ct)
    {
        if (e.Payload is not IssueUpdatedPayload change)
            return;
        var issue = change.Issue;
        var prevAssigneeType = change.PrevAssigneeType;
        var prevAssigneeId = change.PrevAssigneeId;
        var prevDescription = change.PrevDescription;
        var newMentions = Array.Empty<Mention>() as IReadOnlyList<Mention>;
        if (change.DescriptionChanged && issue.Description is not null)
        {
            var before = Mentions.Parse(prevDescription).Select(m => (m.Type, m.Id)).ToHashSet();
            newMentions = Mentions.Parse(issue.Description).Where(m => !before.Contains((m.Type, m.Id))).ToList();
        }

        // Followers first, so a new assignee is excluded from the broadcast below like upstream.
        if (change.AssigneeChanged && issue is { AssigneeType: { } newType, AssigneeId: { } newId })
            Subscribe(issue, newType, newId, SubscriptionReason.Assignee);
        foreach (var m in newMentions)
            if (ActorMention(m) is { } target)
                Subscribe(issue, m.Type, target, SubscriptionReason.Mentioned);

        if (change.StatusChanged)
        {
            var details = FromTo(change.PrevStatus, issue.Status);
            Record(e, issue, ActivityAction.StatusChanged, details);
            await NotifySubscribersAsync(e, issue, InboxType.StatusChanged, details, [], bubbleToParent: true, ct);
        }
        if (change.PriorityChanged)
        {
            var details = FromTo(change.PrevPriority, issue.Priority);
            Record(e, issue, ActivityAction.PriorityChanged, details);
            await NotifySubscribersAsync(e, issue, InboxType.PriorityChanged, details, [], bubbleToParent: false, ct);
        }
        if (change.AssigneeChanged)
        {
            Record(e, issue, ActivityAction.AssigneeChanged, Details(new Dictionary<string, object?>
            {
                ["from_type"] = prevAssigneeType,
                ["from_id"] = prevAssigneeId?.ToString(),
                ["to_type"] = issue.AssigneeType,
                ["to_id"] = issue.AssigneeId?.ToString(),
            }));
            var inboxDetails = Details(new Dictionary<string, object?>
            {
                ["prev_assignee_type"] = prevAssigneeType,
                ["prev_assignee_id"] = prevAssigneeId?.ToString(),
                ["new_assignee_type"] = issue.AssigneeType,
                ["new_assignee_id"] = issue.AssigneeId?.ToString(),
            });
            if (issue is { AssigneeType: { } assigneeType, AssigneeId: { } assigneeId })
                NotifyDirect(e, issue, assigneeType, assigneeId, InboxType.IssueAssigned, InboxType.ActionRequired, null, inboxDetails);
            if (prevAssigneeType == ActorType.Member && prevAssigneeId is { } prevMember)
                NotifyDirect(e, issue, ActorType.Member, prevMember, InboxType.Unassigned, InboxType.Info, null, inboxDetails);
            var exclude = new HashSet<Guid>();
            if (prevAssigneeId is { } p)
                exclude.Add(p);
            if (issue.AssigneeId is { } n)
                exclude.Add(n);
            await NotifySubscribersAsync(e, issue, InboxType.AssigneeChanged, inboxDetails, exclude, bubbleToParent: false, ct);
        }
        if (change.DueDateChanged)
        {
            var details = FromTo(change.PrevDueDate is { } prev ? Rfc3339.Format(prev) : "",
                issue.DueDate is { } due ? Rfc3339.Format(due) : "");
            Record(e, issue, ActivityAction.DueDateChanged, details);
            await NotifySubscribersAsync(e, issue, InboxType.DueDateChanged, details, [], bubbleToParent: false, ct);
        }
        if (change.TitleChanged)
            Record(e, issue, ActivityAction.TitleChanged, FromTo(change.PrevTitle, issue.Title));
        if (change.DescriptionChanged)
        {
            Record(e, issue, ActivityAction.DescriptionUpdated, null);
            var skip = e.ActorId is { } actor ? new HashSet<Guid> { actor } : [];
            await NotifyMentionedAsync(e, issue, newMentions, skip, null, ct);
        }
    }

    private async Task OnCommentCreatedAsync(RealtimeEvent e, CommentFacts comment, Issue entity, CancellationToken ct)
    {
        var issue = IssueDto.From(entity, "");
        var followers = await SubscribeAndListAsync(issue, comment.AuthorType, comment.AuthorId, SubscriptionReason.Commenter, ct);
        var details = Details(new Dictionary<string, object?> { ["comment_id"] = comment.Id.ToString() });
        await NotifyFollowersOfAsync(e, issue.Id, issue, InboxType.NewComment, details, [], comment.Content, ct, followers);
        var skip = e.ActorId is { } actor ? new HashSet<Guid> { actor } : [];
        await NotifyMentionedAsync(e, issue, Mentions.Parse(comment.Content), skip, details, ct);
    }

    private static Guid? ActorMention(Mention m) => m.Type is Mention.Member or Mention.Agent ? m.Uuid : null;

    private void Subscribe(IssueDto issue, string type, Guid id, string reason) =>
        Subscribe(issue, [new NewSubscription(type, id, reason)]);

    /// <summary>Those who can follow start following (written with the batch's other rows); each is announced, in order.</summary>
    private void Subscribe(IssueDto issue, IEnumerable<NewSubscription> follows)
    {
        foreach (var f in follows.Where(f => CanFollow(f.UserType)))
        {
            _follows.Add(new IssueFollow(issue.Id, f, Now));
            AnnounceFollower(issue, f.UserType, f.UserId, f.Reason);
        }
    }

    /// <summary>Writes the followers gathered so far, before a reaction reads an issue's followers.</summary>
    private async Task WriteFollowsAsync(CancellationToken ct)
    {
        if (_follows.Count == 0)
            return;
        await subscribers.AddManyAsync(_follows, ct);
        _follows.Clear();
    }

    /// <summary><see cref="Subscribe(IssueDto, string, Guid, string)"/>, answering the issue's followers afterwards in the same round trip.</summary>
    private async Task<IReadOnlyList<IssueSubscriber>> SubscribeAndListAsync(IssueDto issue, string type, Guid id, string reason, CancellationToken ct)
    {
        await WriteFollowsAsync(ct);
        if (!CanFollow(type))
            return await subscribers.ListAsync(issue.Id, ct);
        var followers = await subscribers.AddAndListAsync(issue.Id, type, id, reason, Now, ct);
        AnnounceFollower(issue, type, id, reason);
        return followers;
    }

    private static bool CanFollow(string type) => type is ActorType.Member or ActorType.Agent;

    private void AnnounceFollower(IssueDto issue, string type, Guid id, string reason) =>
        transactions.AfterCommit(() => subscriberEvents.SubscriberAdded(issue.WorkspaceId, issue.Id, type, id, reason));

    private void Record(RealtimeEvent e, IssueDto issue, string action, string? details)
    {
        var entry = new ActivityLog
        {
            Id = Guid.NewGuid(),
            WorkspaceId = issue.WorkspaceId,
            IssueId = issue.Id,
            ActorType = e.ActorType,
            ActorId = e.ActorId,
            Action = action,
            Details = details ?? "{}",
            // The change's own time (the issue's updated_at), not when this reaction ran.
            CreatedAt = issue.UpdatedAt,
        };
        _entries.Add(entry);
        transactions.AfterCommit(() => publisher.Publish(ActivityEvents.CreatedEvent(entry, e.ActorType, e.ActorId)));
    }

    /// <summary>
    /// One item per member follower of the issue except the actor and <paramref name="exclude"/>; a status change
    /// also reaches the parent issue's followers who were not notified yet (the item still points at this issue).
    /// </summary>
    private async Task NotifySubscribersAsync(RealtimeEvent e, IssueDto issue, string type, string details, HashSet<Guid> exclude,
        bool bubbleToParent, CancellationToken ct, string? body = null)
    {
        var notified = await NotifyFollowersOfAsync(e, issue.Id, issue, type, details, exclude, body, ct);
        if (!bubbleToParent || issue.ParentIssueId is not { } parentId)
            return;
        exclude.UnionWith(notified);
        await NotifyFollowersOfAsync(e, parentId, issue, type, details, exclude, body, ct);
    }

    private async Task<IReadOnlyList<Guid>> NotifyFollowersOfAsync(RealtimeEvent e, Guid followedIssueId, IssueDto issue, string type,
        string details, HashSet<Guid> exclude, string? body, CancellationToken ct, IReadOnlyList<IssueSubscriber>? followers = null)
    {
        if (followers is null)
        {
            await WriteFollowsAsync(ct);
            followers = await subscribers.ListAsync(followedIssueId, ct);
        }
        var recipients = followers
            .Where(s => s.UserType == ActorType.Member && s.UserId != e.ActorId && !exclude.Contains(s.UserId))
            .Select(s => s.UserId).ToList();
        Deliver(recipients.Select(r => NewItem(e, issue, ActorType.Member, r, type, InboxType.Info, body, details)).ToList(), issue.Status);
        return recipients;
    }

    private void NotifyDirect(RealtimeEvent e, IssueDto issue, string recipientType, Guid recipientId, string type, string severity,
        string? body, string? details)
    {
        if (recipientId != e.ActorId)
            Deliver([NewItem(e, issue, recipientType, recipientId, type, severity, body, details)], issue.Status);
    }

    /// <summary>Mentioned members (all members for @all) except <paramref name="skip"/> and the actor.</summary>
    private async Task NotifyMentionedAsync(RealtimeEvent e, IssueDto issue, IReadOnlyList<Mention> mentions, HashSet<Guid> skip,
        string? details, CancellationToken ct)
    {
        var recipients = mentions.Where(m => m.Type == Mention.Member).Select(m => m.Uuid).OfType<Guid>().ToHashSet();
        if (mentions.Any(m => m.Type == Mention.All))
            recipients.UnionWith((await workspaceMembers.ListMembersAsync(issue.WorkspaceId, ct)).Select(m => m.Member.UserId));
        recipients.RemoveWhere(r => skip.Contains(r) || r == e.ActorId);
        Deliver(recipients.Select(r => NewItem(e, issue, ActorType.Member, r, InboxType.Mentioned, InboxType.Info, null, details))
            .ToList(), issue.Status);
    }

    private InboxItem NewItem(RealtimeEvent e, IssueDto issue, string recipientType, Guid recipientId, string type, string severity,
        string? body, string? details) => new()
    {
        Id = Guid.NewGuid(),
        WorkspaceId = issue.WorkspaceId,
        RecipientType = recipientType,
        RecipientId = recipientId,
        Type = type,
        Severity = severity,
        IssueId = issue.Id,
        Title = issue.Title,
        Body = body,
        ActorType = e.ActorType,
        ActorId = e.ActorId,
        Details = details ?? "{}",
        CreatedAt = Now,
    };

    private void Deliver(IReadOnlyList<InboxItem> items, string issueStatus)
    {
        _items.AddRange(items);
        transactions.AfterCommit(() =>
        {
            foreach (var item in items)
                inboxEvents.ItemCreated(item, issueStatus);
        });
    }

    private static string FromTo(string? from, string to) => Details(new Dictionary<string, object?> { ["from"] = from ?? "", ["to"] = to });

    /// <summary>A jsonb details object; null values are left out.</summary>
    private static string Details(Dictionary<string, object?> fields) =>
        JsonSerializer.Serialize(fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value));
}
