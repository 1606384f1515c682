using Microsoft.AspNetCore.Mvc;
using Multica.Application.Inbox.ArchiveInboxItem;
using Multica.Application.Inbox.BulkInbox;
using Multica.Application.Inbox.CountUnreadInbox;
using Multica.Application.Inbox.ListInbox;
using Multica.Application.Inbox.MarkInboxRead;

namespace Multica.WebApi.Controllers;

/// <summary>The caller's inbox in the selected workspace.</summary>
[Route("api/inbox")]
public sealed class InboxController : WorkspaceControllerBase
{
    [HttpGet]
    public async Task<IActionResult> List(CancellationToken ct) =>
        Ok(await Mediator.Send(new ListInboxQuery(await SelectedWorkspaceIdAsync()), ct));

    [HttpGet("unread-count")]
    public async Task<IActionResult> UnreadCount(CancellationToken ct) =>
        Ok(await Mediator.Send(new CountUnreadInboxQuery(await SelectedWorkspaceIdAsync()), ct));

    [HttpPost("mark-all-read")]
    public Task<IActionResult> MarkAllRead(CancellationToken ct) => Bulk(BulkInboxAction.MarkAllRead, ct);

    [HttpPost("archive-all")]
    public Task<IActionResult> ArchiveAll(CancellationToken ct) => Bulk(BulkInboxAction.ArchiveAll, ct);

    [HttpPost("archive-all-read")]
    public Task<IActionResult> ArchiveAllRead(CancellationToken ct) => Bulk(BulkInboxAction.ArchiveAllRead, ct);

    [HttpPost("archive-completed")]
    public Task<IActionResult> ArchiveCompleted(CancellationToken ct) => Bulk(BulkInboxAction.ArchiveCompleted, ct);

    [HttpPost("{id}/read")]
    public async Task<IActionResult> MarkRead(string id, CancellationToken ct) =>
        Ok(await Mediator.Send(new MarkInboxReadCommand(await SelectedWorkspaceIdAsync(), id), ct));

    [HttpPost("{id}/archive")]
    public async Task<IActionResult> Archive(string id, CancellationToken ct) =>
        Ok(await Mediator.Send(new ArchiveInboxItemCommand(await SelectedWorkspaceIdAsync(), id), ct));

    private async Task<IActionResult> Bulk(BulkInboxAction action, CancellationToken ct) =>
        Ok(await Mediator.Send(new BulkInboxCommand(await SelectedWorkspaceIdAsync(), action), ct));
}
