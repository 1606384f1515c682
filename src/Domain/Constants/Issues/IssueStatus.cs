namespace Multica.Domain.Constants;

public static class IssueStatus
{
    public const string Backlog = "backlog";
    public const string Todo = "todo";
    public const string InProgress = "in_progress";
    public const string InReview = "in_review";
    public const string Done = "done";
    public const string Blocked = "blocked";
    public const string Cancelled = "cancelled";
    public static readonly string[] All = [Backlog, Todo, InProgress, InReview, Done, Blocked, Cancelled];
}
