using Multica.Application.DaemonProtocol.TaskRuns.WaitLocalDirectory;
using Multica.Application.DaemonProtocol.TaskRuns.AcknowledgeCancel;
using Multica.Application.DaemonProtocol.GcChecks;
using Multica.Application.DaemonProtocol.Claiming.ClaimTasksBatch;
using Multica.Application.DaemonProtocol.TaskRuns.StartTask;
using Multica.Application.DaemonProtocol.TaskRuns.ReportTaskUsage;
using Multica.Application.DaemonProtocol.TaskRuns.ReportTaskProgress;
using Multica.Application.DaemonProtocol.TaskRuns.ReportTaskMessages;
using Multica.Application.DaemonProtocol.TaskRuns.PinTaskSession;
using Multica.Application.DaemonProtocol.TaskRuns.ListTaskMessages;
using Multica.Application.DaemonProtocol.TaskRuns.GetTaskStatus;
using Multica.Application.DaemonProtocol.TaskRuns.FailTask;
using Multica.Application.DaemonProtocol.TaskRuns.CompleteTask;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Multica.Application.Tasks;
using Multica.WebApi.Infrastructure;

namespace Multica.WebApi.Controllers;

/// <summary>
/// Every /api/daemon/tasks route: the machine-level batch claim, and what a daemon reports while it runs a task.
/// Routes with a deferred body check access before the body (docs/daemon-protocol.md).
/// </summary>
[Route("api/daemon/tasks")]
public sealed class DaemonTasksController : ApiControllerBase
{
    public sealed record ProgressBody(string? Summary, int Step, int Total);

    public sealed record MessageItem(int Seq, string? Type, string? Tool, string? Content, Dictionary<string, JsonElement>? Input, string? Output);

    public sealed record MessagesBody(List<MessageItem?>? Messages);

    [HttpGet("{taskId}/status")]
    public async Task<IActionResult> Status(string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetTaskStatusQuery(taskId), ct));

    [HttpPost("{taskId}/start")]
    public async Task<IActionResult> Start(string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new StartTaskCommand(taskId), ct));

    [HttpPost("{taskId}/progress")]
    public async Task<IActionResult> Progress(string taskId, [FromBody] ProgressBody body, CancellationToken ct) =>
        Ok(await Mediator.Send(new ReportTaskProgressCommand(taskId, body.Summary ?? "", body.Step, body.Total), ct));

    [HttpPost("{taskId}/complete")]
    public async Task<IActionResult> Complete(string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new CompleteTaskCommand(taskId, await DeferredBodyReader.ReadAsync<CompleteTaskBody>(Request, ct)), ct));

    [HttpPost("{taskId}/fail")]
    public async Task<IActionResult> Fail(string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new FailTaskCommand(taskId, await DeferredBodyReader.ReadAsync<FailTaskBody>(Request, ct)), ct));

    [HttpPost("{taskId}/usage")]
    public async Task<IActionResult> Usage(string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ReportTaskUsageCommand(taskId, await DeferredBodyReader.ReadAsync<ReportTaskUsageBody>(Request, ct)), ct));

    [HttpPost("{taskId}/messages")]
    public async Task<IActionResult> ReportMessages(string taskId, [FromBody] MessagesBody body, CancellationToken ct) =>
        Ok(await Mediator.Send(new ReportTaskMessagesCommand(taskId, (body.Messages ?? []).Where(m => m is not null)
            .Select(m => new IncomingTaskMessage(m!.Seq, m.Type, m.Tool, m.Content, m.Input, m.Output)).ToList()), ct));

    [HttpGet("{taskId}/messages")]
    public async Task<IActionResult> ListMessages(string taskId, [FromQuery] string? since, [FromQuery] string? limit, CancellationToken ct) =>
        this.MessagePage(await Mediator.Send(new ListTaskMessagesQuery(taskId, since, limit), ct));

    [HttpPost("{taskId}/session")]
    public async Task<IActionResult> PinSession(string taskId, CancellationToken ct)
    {
        await Mediator.Send(new PinTaskSessionCommand(taskId, await DeferredBodyReader.ReadAsync<PinTaskSessionBody>(Request, ct)), ct);
        return NoContent();
    }

    [HttpPost("{taskId}/wait-local-directory")]
    public async Task<IActionResult> WaitLocalDirectory(string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new WaitLocalDirectoryCommand(taskId,
            await DeferredBodyReader.ReadAsync<WaitLocalDirectoryBody>(Request, ct, emptyIsValid: true)), ct));

    [HttpPost("{taskId}/cancel-ack")]
    public async Task<IActionResult> CancelAck(string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new AcknowledgeCancelCommand(taskId,
            await DeferredBodyReader.ReadAsync<CancelAckBody>(Request, ct, emptyIsValid: true)), ct));

    [HttpGet("{taskId}/gc-check")]
    public async Task<IActionResult> GcCheck(string taskId, CancellationToken ct) =>
        Ok(await Mediator.Send(new TaskGcCheckQuery(taskId), ct));

    /// <summary>Machine-level claim across all of a daemon's runtimes; /api/daemon/claim is its alias.</summary>
    [HttpPost("claim")]
    [HttpPost("/api/daemon/claim")]
    public async Task<IActionResult> ClaimBatch([FromBody] BatchClaimRequest body, CancellationToken ct) =>
        Ok(await Mediator.Send(body.ToCommand(), ct));
}
