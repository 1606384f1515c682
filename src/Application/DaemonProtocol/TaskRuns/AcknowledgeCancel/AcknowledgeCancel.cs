using Multica.Application.Common.Realtime;
using Multica.Application.Tasks.Lifecycle;
using Multica.Application.Tasks.Events;
using Multica.Application.Common;
using Multica.Application.Tasks.StateMachine;
using Mediator;
using Microsoft.Extensions.Logging;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.PendingRequests;
using Multica.Domain.Constants;

namespace Multica.Application.DaemonProtocol.TaskRuns.AcknowledgeCancel;

public sealed record CancelAckBody(string? BranchName, string? DurableWorkDir, string? ErrorMessage, string? FailureReason);

/// <summary>
/// POST /api/daemon/tasks/{taskId}/cancel-ack — the daemon stopped a task it saw as terminal and may
/// carry the only pointer to the run's work. Writes once, never overwrites, idempotent on replays.
/// </summary>
public sealed record AcknowledgeCancelCommand(string TaskId, DeferredBody<CancelAckBody> Body) : ICommand<StatusOkDto>, IDaemonTaskScoped;

public sealed class AcknowledgeCancelHandler(
    AccessScope scope, TaskTransitionService transitions, IEventPublisher events, ILogger<AcknowledgeCancelHandler> logger)
    : ICommandHandler<AcknowledgeCancelCommand, StatusOkDto>
{
    public async ValueTask<StatusOkDto> Handle(AcknowledgeCancelCommand command, CancellationToken ct)
    {
        var task = scope.RequireTask();
        // Older daemons send {}; an undecodable body counts as empty.
        var body = command.Body.IsValid ? command.Body.Value! : new CancelAckBody(null, null, null, null);
        if (task.Status != AgentTaskStatus.Cancelled ||
            (IsBlank(body.BranchName) && IsBlank(body.DurableWorkDir) && IsBlank(body.ErrorMessage)))
            return StatusOkDto.Ok;

        bool written;
        try
        {
            written = await transitions.AcknowledgeCancelAsync(task.Id, new CancelAckFields(
                NullIfBlank(body.BranchName), NullIfBlank(body.DurableWorkDir), NullIfBlank(body.ErrorMessage), NullIfBlank(body.FailureReason)), ct);
        }
        catch (Exception ex) when (ex is not AppException and not OperationCanceledException)
        {
            // 5xx so the daemon retries.
            logger.LogWarning(ex, "cancel-ack could not be recorded for task {TaskId}", task.Id);
            throw new InternalErrorException(!IsBlank(body.DurableWorkDir) ? "failed to record durable work directory"
                : !IsBlank(body.BranchName) ? "failed to record branch name" : "failed to record task error");
        }

        if (written)
        {
            // Clients refetch the task on this event.
            events.Publish(new RealtimeEvent(EventTypes.TaskCancelled,
                TaskStatusPayload.Of(task, AgentTaskStatus.Cancelled), scope.WorkspaceId, ActorType.System));
        }
        return StatusOkDto.Ok;
    }

    private static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);
    private static string? NullIfBlank(string? value) => IsBlank(value) ? null : value;
}
