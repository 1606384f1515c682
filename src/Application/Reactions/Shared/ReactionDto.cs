using Multica.Domain.Entities;

namespace Multica.Application.Reactions.Shared;

/// <summary>A reaction on a comment (docs/api.md).</summary>
public sealed record ReactionDto(Guid Id, Guid CommentId, string ActorType, Guid ActorId, string Emoji, DateTime CreatedAt)
{
    public static ReactionDto From(CommentReaction r) => new(r.Id, r.CommentId, r.ActorType, r.ActorId, r.Emoji, r.CreatedAt);
}

/// <summary>A reaction on an issue (docs/api.md).</summary>
public sealed record IssueReactionDto(Guid Id, Guid IssueId, string ActorType, Guid ActorId, string Emoji, DateTime CreatedAt)
{
    public static IssueReactionDto From(IssueReaction r) => new(r.Id, r.IssueId, r.ActorType, r.ActorId, r.Emoji, r.CreatedAt);
}
