namespace Multica.Domain.Constants;

public static class AutopilotRunStatus
{
    public const string IssueCreated = "issue_created";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static readonly string[] All = [IssueCreated, Running, Completed, Failed];

    /// <summary>A run that has not finished yet: its task (or issue) is still on its way.</summary>
    public static readonly string[] Open = [IssueCreated, Running];
}
