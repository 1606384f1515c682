using System.Text.Json;
using System.Text.Json.Serialization;
using Multica.Application.Common;
using Multica.Application.Attachments.Shared;
using Multica.Application.Comments.Shared;
using Multica.Application.Reactions.Shared;
using Multica.Domain.Entities;

namespace Multica.Application.Activity.Shared;

/// <summary>
/// One entry of GET /api/issues/{id}/timeline and of the activity:created event: an activity record
/// (action, details) or a comment (content, comment_type, updated_at, parent_id); the other kind's fields are omitted.
/// </summary>
public sealed record TimelineEntryDto(
    string Type,
    Guid Id,
    string ActorType,
    string ActorId,
    DateTime CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Action = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Details = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ParentId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? UpdatedAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CommentType = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ReactionDto>? Reactions = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AttachmentDto>? Attachments = null)
{
    public const string ActivityType = "activity";
    public const string CommentEntryType = "comment";

    /// <summary>A comment entry; reactions and attachments are omitted when empty.</summary>
    public static TimelineEntryDto FromComment(Comment c, CommentExtras extras) => new(CommentEntryType, c.Id, c.AuthorType,
        c.AuthorId.ToString(), c.CreatedAt, Content: c.Content, ParentId: c.ParentId, UpdatedAt: c.UpdatedAt, CommentType: c.Type,
        Reactions: extras.Reactions.Count == 0 ? null : extras.Reactions,
        Attachments: extras.Attachments.Count == 0 ? null : extras.Attachments);

    public static TimelineEntryDto FromActivity(ActivityLog a) => new(ActivityType, a.Id, a.ActorType ?? "", a.ActorId?.ToString() ?? "",
        a.CreatedAt, Action: a.Action, Details: JsonText.Parse(a.Details, "{}"));
}
