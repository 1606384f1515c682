using Microsoft.AspNetCore.Mvc;
using Multica.Application.Comments;
using Multica.Application.Comments.DeleteComment;
using Multica.Application.Comments.UpdateComment;

namespace Multica.WebApi.Controllers;

[Route("api/comments")]
public sealed class CommentsController : WorkspaceControllerBase
{
    public sealed record UpdateCommentBody(string? Content);

    [HttpPut("{commentId}")]
    public async Task<IActionResult> Update(string commentId, [FromBody] UpdateCommentBody b, CancellationToken ct) =>
        Ok(await Mediator.Send(new UpdateCommentCommand(await SelectedWorkspaceIdAsync(), commentId, Actor, b.Content), ct));

    [HttpDelete("{commentId}")]
    public async Task<IActionResult> Delete(string commentId, CancellationToken ct)
    {
        await Mediator.Send(new DeleteCommentCommand(await SelectedWorkspaceIdAsync(), commentId, Actor), ct);
        return NoContent();
    }
}
