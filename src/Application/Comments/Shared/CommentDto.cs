using Multica.Application.Attachments.Shared;
using Multica.Application.Reactions.Shared;
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
    IReadOnlyList<ReactionDto> Reactions,
    IReadOnlyList<AttachmentDto> Attachments)
{
    public static CommentDto From(Comment c, CommentExtras extras) =>
        new(c.Id, c.IssueId, c.AuthorType, c.AuthorId, c.Content, c.Type, c.ParentId, c.CreatedAt, c.UpdatedAt, extras.Reactions, extras.Attachments);
}
