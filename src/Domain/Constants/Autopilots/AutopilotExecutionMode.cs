namespace Multica.Domain.Constants;

public static class AutopilotExecutionMode
{
    public const string CreateIssue = "create_issue";
    public const string RunOnly = "run_only";
    public static readonly string[] All = [CreateIssue, RunOnly];
}
