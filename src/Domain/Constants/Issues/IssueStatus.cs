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

    /// <summary>Closed issues: hidden from default lists and search, not counted as open work.</summary>
    public static readonly string[] Closed = [Done, Cancelled];

    /// <summary>The order search ranks equally good matches in: active work first, closed last.</summary>
    public static readonly string[] SearchOrder = [InProgress, InReview, Todo, Blocked, Backlog, Done, Cancelled];

    public static bool IsClosed(string status) => Closed.Contains(status);
}
