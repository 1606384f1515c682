using Multica.Application.Common.Realtime;
using Multica.Application.Tasks.Events;
using Multica.Application.Common;
using Multica.Application.Tasks.StateMachine;
using Multica.Application.Tasks;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.PendingRequests;
using Multica.Domain.Constants;

namespace Multica.Application.DaemonProtocol.TaskRuns.WaitLocalDirectory;

public sealed record WaitLocalDirectoryBody(string? Reason);

/// <summary>
/// POST /api/daemon/tasks/{taskId}/wait-local-directory — a claimed task parks while another local
/// task holds its pinned directory; start later accepts waiting_local_directory.
/// </summary>
public sealed record WaitLocalDirectoryCommand(string TaskId, DeferredBody<WaitLocalDirectoryBody> Body)
    : ICommand<TaskDto>, IDaemonTaskScoped;

public sealed class WaitLocalDirectoryHandler(AccessScope scope, TaskTransitionService transitions, IEventPublisher events, TimeProvider time)
    : ICommandHandler<WaitLocalDirectoryCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(WaitLocalDirectoryCommand command, CancellationToken ct)
    {
        var task = scope.RequireTask();
        var reason = Sanitize(command.Body.Require().Reason);
        var until = time.GetUtcNow().UtcDateTime + TaskPreparation.LeaseDuration;
        var waiting = await transitions.ParkForLocalDirectoryAsync(task.Id, reason, until, ct)
            ?? throw new BadRequestException("wait local directory: no rows in result set");

        var payload = new TaskWaitingLocalDirectoryPayload(waiting.Id.ToString(), waiting.AgentId.ToString(),
            waiting.IssueId?.ToString() ?? "", AgentTaskStatus.WaitingLocalDirectory, waiting.WaitReason ?? "",
            waiting.ChatSessionId?.ToString());
        events.Publish(new RealtimeEvent(EventTypes.TaskWaitingLocalDirectory, payload, scope.WorkspaceId, ActorType.System));
        return TaskMapper.ToDto(waiting, scope.WorkspaceId);
    }

    /// <summary>Drops reasons that would publish a local absolute path (e.g. a home directory) to the workspace.</summary>
    public static string? Sanitize(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
            return null;
        const string prefix = "local_directory ";
        if (reason.StartsWith(prefix, StringComparison.Ordinal))
        {
            var rest = reason[prefix.Length..].TrimStart();
            if (rest.StartsWith('/') || rest.StartsWith('~') || rest.StartsWith('\\') ||
                (rest.Length >= 2 && char.IsAsciiLetter(rest[0]) && rest[1] == ':'))
                return null;
        }
        return reason.Trim();
    }
}
