using Microsoft.AspNetCore.Mvc;
using Multica.Application.Comments;
using Multica.Application.Comments.DeleteComment;
using Multica.Application.Comments.UpdateComment;
using Multica.Application.Reactions.CommentReactions;

namespace Multica.WebApi.Controllers;

[Route("api/comments")]
public sealed class CommentsController : WorkspaceControllerBase
{
    public sealed record UpdateCommentBody(string? Content);

    public sealed record ReactionBody(string? Emoji);

    [HttpPut("{commentId}")]
    public async Task<IActionResult> Update(string commentId, [FromBody] UpdateCommentBody b, CancellationToken ct) =>
        Ok(await Mediator.Send(new UpdateCommentCommand(await SelectedWorkspaceIdAsync(), commentId, Actor, b.Content), ct));

    [HttpDelete("{commentId}")]
    public async Task<IActionResult> Delete(string commentId, CancellationToken ct)
    {
        await Mediator.Send(new DeleteCommentCommand(await SelectedWorkspaceIdAsync(), commentId, Actor), ct);
        return NoContent();
    }

    [HttpPost("{commentId}/reactions")]
    public async Task<IActionResult> AddReaction(string commentId, [FromBody] ReactionBody b, CancellationToken ct) =>
        StatusCode(201, await Mediator.Send(new AddCommentReactionCommand(await SelectedWorkspaceIdAsync(), commentId, Actor, b.Emoji), ct));

    [HttpDelete("{commentId}/reactions")]
    public async Task<IActionResult> RemoveReaction(string commentId, [FromBody] ReactionBody b, CancellationToken ct)
    {
        await Mediator.Send(new RemoveCommentReactionCommand(await SelectedWorkspaceIdAsync(), commentId, Actor, b.Emoji), ct);
        return NoContent();
    }
}
