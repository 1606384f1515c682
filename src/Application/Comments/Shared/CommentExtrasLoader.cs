using Multica.Application.Attachments;
using Multica.Application.Attachments.Shared;
using Multica.Application.Reactions.Shared;
using Multica.Domain.Entities;

namespace Multica.Application.Comments.Shared;

/// <summary>What a comment object carries besides the comment row: its reactions and its attachments, both oldest first.</summary>
public sealed record CommentExtras(IReadOnlyList<ReactionDto> Reactions, IReadOnlyList<AttachmentDto> Attachments)
{
    public static readonly CommentExtras None = new([], []);
}

/// <summary>Loads <see cref="CommentExtras"/> for a set of comments in two queries, for the comment list, the timeline and comment events.</summary>
public sealed class CommentExtrasLoader(CommentReactionLoader reactions, IAttachmentRepository attachments)
{
    public async Task<Func<Guid, CommentExtras>> LoadAsync(IReadOnlyCollection<Comment> comments, CancellationToken ct)
    {
        if (comments.Count == 0)
            return _ => CommentExtras.None;
        var reactionsOf = await reactions.LoadAsync(comments, ct);
        var files = (await attachments.ListForCommentsAsync(comments.First().WorkspaceId, comments.Select(c => c.Id).ToList(), ct))
            .GroupBy(a => a.CommentId!.Value).ToDictionary(g => g.Key, g => (IReadOnlyList<AttachmentDto>)g.Select(AttachmentDto.From).ToList());
        return id => new CommentExtras(reactionsOf(id), files.TryGetValue(id, out var list) ? list : []);
    }

    public async Task<CommentExtras> LoadAsync(Comment comment, CancellationToken ct) => (await LoadAsync([comment], ct))(comment.Id);
}
