using Multica.Domain.Entities;

namespace Multica.Application.Subscriptions.Shared;

public sealed record SubscriberDto(Guid IssueId, string UserType, Guid UserId, string Reason, DateTime CreatedAt)
{
    public static SubscriberDto From(IssueSubscriber s) => new(s.IssueId, s.UserType, s.UserId, s.Reason, s.CreatedAt);
}
