using Microsoft.AspNetCore.Mvc;
using Multica.Application.Comments;
using Multica.Application.Common;
using Multica.Application.Issues;
using Multica.Application.Comments.CreateComment;
using Multica.Application.Comments.ListComments;
using Multica.Application.Issues.BatchIssues;
using Multica.Application.Issues.CreateIssue;
using Multica.Application.Issues.DeleteIssue;
using Multica.Application.Issues.GetIssue;
using Multica.Application.Issues.GetTimeline;
using Multica.Application.Issues.ListIssues;
using Multica.Application.Issues.RerunIssue;
using Multica.Application.Issues.UpdateIssue;
using Multica.Application.Reactions.IssueReactions;

namespace Multica.WebApi.Controllers;

[Route("api/issues")]
public sealed class IssuesController : WorkspaceControllerBase
{
    public sealed record CreateIssueBody(string? Title, string? Description, string? Status, string? Priority, string? AssigneeType,
        string? AssigneeId, string? ParentIssueId, string? ProjectId, string? DueDate, List<string>? AttachmentIds);

    public sealed record UpdateIssueBody(string? Title, string? Description, string? Status, string? Priority, double? Position,
        Optional<string?> AssigneeType, Optional<string?> AssigneeId, Optional<string?> DueDate, Optional<string?> ParentIssueId,
        Optional<string?> ProjectId);

    public sealed record BatchUpdateBody(List<string>? IssueIds, UpdateIssueBody? Updates);

    public sealed record BatchDeleteBody(List<string>? IssueIds);

    public sealed record CreateCommentBody(string? Content, string? Type, string? ParentId, List<string>? AttachmentIds);

    [HttpGet]
    public async Task<IActionResult> List(
        [FromQuery] string? status, [FromQuery] string? priority,
        [FromQuery(Name = "assignee_id")] string? assigneeId, [FromQuery(Name = "assignee_ids")] string? assigneeIds,
        [FromQuery(Name = "creator_id")] string? creatorId, [FromQuery(Name = "project_id")] string? projectId,
        [FromQuery] string? limit, [FromQuery] string? offset, [FromQuery(Name = "open_only")] string? openOnly,
        CancellationToken ct) =>
        Ok(await Mediator.Send(new ListIssuesQuery(await SelectedWorkspaceIdAsync(), status, priority, assigneeId, assigneeIds,
            creatorId, projectId, limit, offset, openOnly), ct));

    [HttpPost]
    public async Task<IActionResult> Create([FromBody] CreateIssueBody b, CancellationToken ct) =>
        StatusCode(201, await Mediator.Send(new CreateIssueCommand(await SelectedWorkspaceIdAsync(), Actor, b.Title, b.Description,
            b.Status, b.Priority, b.AssigneeType, b.AssigneeId, b.ParentIssueId, b.ProjectId, b.DueDate, b.AttachmentIds), ct));

    [HttpPost("batch-update")]
    public async Task<IActionResult> BatchUpdate([FromBody] BatchUpdateBody b, CancellationToken ct)
    {
        var workspaceId = await SelectedWorkspaceIdAsync();
        return Ok(await Mediator.Send(new BatchUpdateIssuesCommand(workspaceId, b.IssueIds, ToCommand(workspaceId, "", b.Updates ?? EmptyUpdate)), ct));
    }

    [HttpPost("batch-delete")]
    public async Task<IActionResult> BatchDelete([FromBody] BatchDeleteBody b, CancellationToken ct) =>
        Ok(await Mediator.Send(new BatchDeleteIssuesCommand(await SelectedWorkspaceIdAsync(), b.IssueIds, Actor), ct));

    [HttpGet("{issueId}")]
    public async Task<IActionResult> Get(string issueId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetIssueQuery(await SelectedWorkspaceIdAsync(), issueId), ct));

    [HttpPut("{issueId}")]
    public async Task<IActionResult> Update(string issueId, [FromBody] UpdateIssueBody b, CancellationToken ct) =>
        Ok(await Mediator.Send(ToCommand(await SelectedWorkspaceIdAsync(), issueId, b), ct));

    private static readonly UpdateIssueBody EmptyUpdate = new(null, null, null, null, null, default, default, default, default, default);

    private UpdateIssueCommand ToCommand(string workspaceId, string issueId, UpdateIssueBody b) => new(workspaceId, issueId, Actor, b.Title,
        b.Description, b.Status, b.Priority, b.Position, b.AssigneeType, b.AssigneeId, b.DueDate, b.ParentIssueId, b.ProjectId);

    [HttpDelete("{issueId}")]
    public async Task<IActionResult> Delete(string issueId, CancellationToken ct)
    {
        await Mediator.Send(new DeleteIssueCommand(await SelectedWorkspaceIdAsync(), issueId, Actor), ct);
        return NoContent();
    }

    [HttpPost("{issueId}/rerun")]
    public async Task<IActionResult> Rerun(string issueId, CancellationToken ct) =>
        StatusCode(202, await Mediator.Send(new RerunIssueCommand(await SelectedWorkspaceIdAsync(), issueId), ct));

    [HttpPost("{issueId}/reactions")]
    public async Task<IActionResult> AddReaction(string issueId, [FromBody] CommentsController.ReactionBody b, CancellationToken ct) =>
        StatusCode(201, await Mediator.Send(new AddIssueReactionCommand(await SelectedWorkspaceIdAsync(), issueId, Actor, b.Emoji), ct));

    [HttpDelete("{issueId}/reactions")]
    public async Task<IActionResult> RemoveReaction(string issueId, [FromBody] CommentsController.ReactionBody b, CancellationToken ct)
    {
        await Mediator.Send(new RemoveIssueReactionCommand(await SelectedWorkspaceIdAsync(), issueId, Actor, b.Emoji), ct);
        return NoContent();
    }

    [HttpGet("{issueId}/timeline")]
    public async Task<IActionResult> Timeline(string issueId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetTimelineQuery(await SelectedWorkspaceIdAsync(), issueId), ct));

    [HttpGet("{issueId}/comments")]
    [ProducesResponseType<IReadOnlyList<Multica.Application.Comments.Shared.CommentDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Comments(string issueId, [FromQuery] string? limit, [FromQuery] string? offset,
        [FromQuery] string? since, CancellationToken ct)
    {
        var page = await Mediator.Send(new ListCommentsQuery(await SelectedWorkspaceIdAsync(), issueId,
            Request.Query.ContainsKey("limit") ? limit ?? "" : null,
            Request.Query.ContainsKey("offset") ? offset ?? "" : null,
            Request.Query.ContainsKey("since") ? since ?? "" : null), ct);
        if (page.Total is { } total)
            Response.Headers["X-Total-Count"] = total.ToString();
        return Ok(page.Comments);
    }

    [HttpPost("{issueId}/comments")]
    public async Task<IActionResult> CreateComment(string issueId, [FromBody] CreateCommentBody b, CancellationToken ct) =>
        StatusCode(201, await Mediator.Send(new CreateCommentCommand(await SelectedWorkspaceIdAsync(), issueId, Actor, b.Content, b.Type,
            b.ParentId, b.AttachmentIds), ct));
}
