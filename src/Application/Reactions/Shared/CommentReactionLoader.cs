using Multica.Domain.Entities;

namespace Multica.Application.Reactions.Shared;

/// <summary>Groups the reactions of a set of comments by comment, for the comment list, the timeline and comment:updated.</summary>
public sealed class CommentReactionLoader(IReactionRepository reactions)
{
    public async Task<Func<Guid, IReadOnlyList<ReactionDto>>> LoadAsync(IReadOnlyCollection<Comment> comments, CancellationToken ct)
    {
        var grouped = comments.Count == 0
            ? new Dictionary<Guid, List<ReactionDto>>()
            : (await reactions.ListForCommentsAsync(comments.Select(c => c.Id).ToList(), ct))
                .GroupBy(r => r.CommentId).ToDictionary(g => g.Key, g => g.Select(ReactionDto.From).ToList());
        return id => grouped.TryGetValue(id, out var list) ? list : [];
    }
}
