namespace Multica.Application.Notifications;

/// <summary>The inbox_item.type values the team reactions write, and the severities they use.</summary>
public static class InboxType
{
    public const string IssueAssigned = "issue_assigned";
    public const string Unassigned = "unassigned";
    public const string AssigneeChanged = "assignee_changed";
    public const string StatusChanged = "status_changed";
    public const string PriorityChanged = "priority_changed";
    public const string DueDateChanged = "due_date_changed";
    public const string NewComment = "new_comment";
    public const string Mentioned = "mentioned";

    public const string ActionRequired = "action_required";
    public const string Info = "info";
}
