namespace Multica.Domain.Constants;

public static class AutopilotRunStatus
{
    public const string IssueCreated = "issue_created";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
