namespace Multica.Application.Subscriptions.Shared;

/// <summary>Why an actor follows an issue (the issue_subscriber.reason values).</summary>
public static class SubscriptionReason
{
    public const string Creator = "creator";
    public const string Assignee = "assignee";
    public const string Commenter = "commenter";
    public const string Mentioned = "mentioned";
    public const string Manual = "manual";
}
