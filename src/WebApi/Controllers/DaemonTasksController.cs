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

    public sealed class CompleteBody
    {
        public string? PrUrl { get; init; }
        public string? Output { get; init; }
        public string? SessionId { get; init; }
        public string? WorkDir { get; init; }
        public string? BranchName { get; init; }
        public string? DurableWorkDir { get; init; }
        public bool SessionRolloutMissing { get; init; }
        public string? RetiredSessionId { get; init; }
    }

    public sealed class FailBody
    {
        public string? Error { get; init; }
        public string? FailureReason { get; init; }
        public string? SessionId { get; init; }
        public string? WorkDir { get; init; }
        public string? BranchName { get; init; }
        public string? DurableWorkDir { get; init; }
        public bool SessionRolloutMissing { get; init; }
        public string? RetiredSessionId { get; init; }
    }

    public sealed record UsageItem(string? Provider, string? Model, long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWriteTokens);

    public sealed class UsageBody
    {
        public List<UsageItem?>? Usage { get; init; }
    }

    public sealed class SessionBody
    {
        public string? SessionId { get; init; }
        public string? WorkDir { get; init; }
    }

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
    public async Task<IActionResult> Complete(string taskId, CancellationToken ct)
    {
        var body = await DeferredBodyReader.ReadAsync<CompleteBody>(Request, ct);
        var (b, valid) = (body.Value ?? new CompleteBody(), body.IsValid);
        return Ok(await Mediator.Send(new CompleteTaskCommand(taskId, valid,
            b.PrUrl, b.Output, b.SessionId, b.WorkDir, b.BranchName, b.DurableWorkDir, b.SessionRolloutMissing, b.RetiredSessionId), ct));
    }

    [HttpPost("{taskId}/fail")]
    public async Task<IActionResult> Fail(string taskId, CancellationToken ct)
    {
        var body = await DeferredBodyReader.ReadAsync<FailBody>(Request, ct);
        var (b, valid) = (body.Value ?? new FailBody(), body.IsValid);
        return Ok(await Mediator.Send(new FailTaskCommand(taskId, valid,
            b.Error, b.FailureReason, b.SessionId, b.WorkDir, b.BranchName, b.DurableWorkDir, b.SessionRolloutMissing, b.RetiredSessionId), ct));
    }

    [HttpPost("{taskId}/usage")]
    public async Task<IActionResult> Usage(string taskId, CancellationToken ct)
    {
        var body = await DeferredBodyReader.ReadAsync<UsageBody>(Request, ct);
        var (b, valid) = (body.Value ?? new UsageBody(), body.IsValid);
        var entries = (b.Usage ?? []).Where(u => u is not null)
            .Select(u => new UsageEntry(u!.Provider ?? "", u.Model ?? "", u.InputTokens, u.OutputTokens, u.CacheReadTokens, u.CacheWriteTokens))
            .ToList();
        return Ok(await Mediator.Send(new ReportTaskUsageCommand(taskId, valid, entries), ct));
    }

    [HttpPost("{taskId}/messages")]
    public async Task<IActionResult> ReportMessages(string taskId, [FromBody] MessagesBody body, CancellationToken ct) =>
        Ok(await Mediator.Send(new ReportTaskMessagesCommand(taskId, (body.Messages ?? []).Where(m => m is not null)
            .Select(m => new IncomingTaskMessage(m!.Seq, m.Type, m.Tool, m.Content, m.Input, m.Output)).ToList()), ct));

    [HttpGet("{taskId}/messages")]
    public async Task<IActionResult> ListMessages(string taskId, [FromQuery] string? since, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListTaskMessagesQuery(taskId, since), ct));

    [HttpPost("{taskId}/session")]
    public async Task<IActionResult> PinSession(string taskId, CancellationToken ct)
    {
        var body = await DeferredBodyReader.ReadAsync<SessionBody>(Request, ct);
        var (b, valid) = (body.Value ?? new SessionBody(), body.IsValid);
        await Mediator.Send(new PinTaskSessionCommand(taskId, valid, b.SessionId, b.WorkDir), ct);
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
