using System.Text.Json.Serialization;
using Multica.Domain.Entities;

namespace Multica.Application.Comments.Shared;

/// <summary>Comment object (docs/api.md).</summary>
public sealed record CommentDto(
    Guid Id,
    Guid IssueId,
    string AuthorType,
    Guid AuthorId,
    string Content,
    string Type,
    Guid? ParentId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<object> Reactions,
    IReadOnlyList<object> Attachments)
{
    public static CommentDto From(Comment c) =>
        new(c.Id, c.IssueId, c.AuthorType, c.AuthorId, c.Content, c.Type, c.ParentId, c.CreatedAt, c.UpdatedAt, [], []);
}

/// <summary>A comment entry of GET /api/issues/{id}/timeline (parent_id omitted when null).</summary>
public sealed record TimelineEntryDto(
    string Type,
    Guid Id,
    string ActorType,
    Guid ActorId,
    DateTime CreatedAt,
    string Content,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ParentId,
    DateTime UpdatedAt,
    string CommentType)
{
    public static TimelineEntryDto From(Comment c) =>
        new("comment", c.Id, c.AuthorType, c.AuthorId, c.CreatedAt, c.Content, c.ParentId, c.UpdatedAt, c.Type);
}
