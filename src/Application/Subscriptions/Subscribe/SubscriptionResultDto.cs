namespace Multica.Application.Subscriptions.Subscribe;

public sealed record SubscriptionResultDto(bool Subscribed);
