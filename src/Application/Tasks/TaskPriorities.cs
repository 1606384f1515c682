using Multica.Domain.Constants;

namespace Multica.Application.Tasks;

/// <summary>task-lifecycle.md §2: the integer priority a task gets at enqueue time.</summary>
public static class TaskPriorities
{
    public const int Chat = 2;
    public const int AutopilotRunOnly = 0;

    public static int ForIssue(string? issuePriority) => issuePriority switch
    {
        IssuePriority.Urgent => 4,
        IssuePriority.High => 3,
        IssuePriority.Medium => 2,
        IssuePriority.Low => 1,
        _ => 0,
    };
}
