using Microsoft.AspNetCore.Mvc;
using Multica.Application.Chat;
using Multica.Application.Chat.ArchiveChatSession;
using Multica.Application.Chat.CreateChatSession;
using Multica.Application.Chat.GetChatSession;
using Multica.Application.Chat.GetPendingChatTask;
using Multica.Application.Chat.ListChatMessages;
using Multica.Application.Chat.ListChatSessions;
using Multica.Application.Chat.ListPendingChatTasks;
using Multica.Application.Chat.MarkChatSessionRead;
using Multica.Application.Chat.SendChatMessage;

namespace Multica.WebApi.Controllers;

[Route("api/chat")]
public sealed class ChatController : WorkspaceControllerBase
{
    public sealed record CreateSessionBody(string? AgentId, string? Title);

    public sealed record SendMessageBody(string? Content);

    [HttpPost("sessions")]
    public async Task<IActionResult> Create([FromBody] CreateSessionBody b, CancellationToken ct) =>
        StatusCode(201, await Mediator.Send(new CreateChatSessionCommand(await SelectedWorkspaceIdAsync(), b.AgentId, b.Title), ct));

    [HttpGet("sessions")]
    public async Task<IActionResult> List([FromQuery] string? status, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListChatSessionsQuery(await SelectedWorkspaceIdAsync(), status), ct));

    [HttpGet("sessions/{sessionId}")]
    public async Task<IActionResult> Get(string sessionId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetChatSessionQuery(await SelectedWorkspaceIdAsync(), sessionId), ct));

    [HttpDelete("sessions/{sessionId}")]
    public async Task<IActionResult> Archive(string sessionId, CancellationToken ct)
    {
        await Mediator.Send(new ArchiveChatSessionCommand(await SelectedWorkspaceIdAsync(), sessionId), ct);
        return NoContent();
    }

    [HttpPost("sessions/{sessionId}/messages")]
    public async Task<IActionResult> Send(string sessionId, [FromBody] SendMessageBody b, CancellationToken ct) =>
        StatusCode(201, await Mediator.Send(new SendChatMessageCommand(await SelectedWorkspaceIdAsync(), sessionId, b.Content), ct));

    [HttpGet("sessions/{sessionId}/messages")]
    public async Task<IActionResult> Messages(string sessionId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListChatMessagesQuery(await SelectedWorkspaceIdAsync(), sessionId), ct));

    [HttpGet("sessions/{sessionId}/pending-task")]
    public async Task<IActionResult> PendingTask(string sessionId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetPendingChatTaskQuery(await SelectedWorkspaceIdAsync(), sessionId), ct));

    [HttpPost("sessions/{sessionId}/read")]
    public async Task<IActionResult> MarkRead(string sessionId, CancellationToken ct)
    {
        await Mediator.Send(new MarkChatSessionReadCommand(await SelectedWorkspaceIdAsync(), sessionId), ct);
        return NoContent();
    }

    [HttpGet("pending-tasks")]
    public async Task<IActionResult> PendingTasks(CancellationToken ct) =>
        Ok(await Mediator.Send(new ListPendingChatTasksQuery(await SelectedWorkspaceIdAsync()), ct));
}
