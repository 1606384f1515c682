using Multica.Application.Issues.Shared;
using System.Text.Json.Serialization;

namespace Multica.Application.Issues.Events;

/// <summary>issue:updated: {issue}, what changed, the values before the change, and the creator.</summary>
public sealed record IssueUpdatedPayload(
    [property: JsonPropertyName("issue")] IssueDto Issue,
    [property: JsonPropertyName("assignee_changed")] bool AssigneeChanged,
    [property: JsonPropertyName("status_changed")] bool StatusChanged,
    [property: JsonPropertyName("priority_changed")] bool PriorityChanged,
    [property: JsonPropertyName("due_date_changed")] bool DueDateChanged,
    [property: JsonPropertyName("description_changed")] bool DescriptionChanged,
    [property: JsonPropertyName("title_changed")] bool TitleChanged,
    [property: JsonPropertyName("prev_title")] string PrevTitle,
    [property: JsonPropertyName("prev_assignee_type")] string? PrevAssigneeType,
    [property: JsonPropertyName("prev_assignee_id")] Guid? PrevAssigneeId,
    [property: JsonPropertyName("prev_status")] string PrevStatus,
    [property: JsonPropertyName("prev_priority")] string PrevPriority,
    [property: JsonPropertyName("prev_due_date")] DateTime? PrevDueDate,
    [property: JsonPropertyName("prev_description")] string? PrevDescription,
    [property: JsonPropertyName("creator_type")] string CreatorType,
    [property: JsonPropertyName("creator_id")] Guid CreatorId);
