using Multica.Domain.Entities;

namespace Multica.Application.Subscriptions;

public interface ISubscriberRepository
{
    /// <summary>Subscribers of the issue, oldest first.</summary>
    Task<IReadOnlyList<IssueSubscriber>> ListAsync(Guid issueId, CancellationToken ct);

    /// <summary>Adds the subscription unless it exists (the first reason is kept); true when it was added.</summary>
    Task<bool> AddAsync(Guid issueId, string userType, Guid userId, string reason, DateTime now, CancellationToken ct);

    /// <summary>
    /// Several subscriptions in one statement, each added unless it exists; for one listed twice the first reason
    /// is kept, as with one <see cref="AddAsync"/> after the other. Returns how many were added.
    /// </summary>
    Task<int> AddManyAsync(Guid issueId, IReadOnlyList<NewSubscription> subscriptions, DateTime now, CancellationToken ct);

    /// <summary><see cref="AddManyAsync(Guid, IReadOnlyList{NewSubscription}, DateTime, CancellationToken)"/> over several issues, in one statement.</summary>
    Task<int> AddManyAsync(IReadOnlyList<IssueFollow> follows, CancellationToken ct);

    /// <summary>
    /// <see cref="AddAsync"/> and then <see cref="ListAsync"/> in one statement: the issue's subscribers, oldest
    /// first, including this one (a commenter follows the issue, then its followers are notified).
    /// </summary>
    Task<IReadOnlyList<IssueSubscriber>> AddAndListAsync(Guid issueId, string userType, Guid userId, string reason, DateTime now, CancellationToken ct);

    Task RemoveAsync(Guid issueId, string userType, Guid userId, CancellationToken ct);

    /// <summary>Whether the id is a member (user) or an agent of the workspace, by type.</summary>
    Task<bool> IsWorkspaceEntityAsync(Guid workspaceId, string type, Guid id, CancellationToken ct);
}

/// <summary>A subscription to add: who follows, and why.</summary>
public readonly record struct NewSubscription(string UserType, Guid UserId, string Reason);

/// <summary>A subscription to add to an issue, with the time it starts (its <c>created_at</c>).</summary>
public readonly record struct IssueFollow(Guid IssueId, NewSubscription Subscription, DateTime At);
