namespace Multica.Application.Activity.Shared;

/// <summary>The activity_log.action values of an issue's timeline.</summary>
public static class ActivityAction
{
    public const string Created = "created";
    public const string StatusChanged = "status_changed";
    public const string PriorityChanged = "priority_changed";
    public const string AssigneeChanged = "assignee_changed";
    public const string DueDateChanged = "due_date_changed";
    public const string TitleChanged = "title_changed";
    public const string DescriptionUpdated = "description_updated";
    public const string TaskCompleted = "task_completed";
    public const string TaskFailed = "task_failed";
}
