using Multica.Application.Common;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;

namespace Multica.Application.DaemonProtocol.TaskRuns.PinTaskSession;

public sealed class PinTaskSessionBody
{
    public string? SessionId { get; init; }
    public string? WorkDir { get; init; }
}

/// <summary>POST /api/daemon/tasks/{taskId}/session — pins the resume pointer mid-run (204); a no-op once the task ended.</summary>
public sealed record PinTaskSessionCommand(string TaskId, DeferredBody<PinTaskSessionBody> Body)
    : ICommand, IDaemonTaskScoped;

public sealed class PinTaskSessionHandler(AccessScope scope, ITaskRepository tasks, TimeProvider time) : ICommandHandler<PinTaskSessionCommand>
{
    public async ValueTask<Unit> Handle(PinTaskSessionCommand command, CancellationToken ct)
    {
        var task = scope.RequireTask();
        var b = command.Body.Require();
        if (string.IsNullOrEmpty(b.SessionId) && string.IsNullOrEmpty(b.WorkDir))
            throw new BadRequestException("session_id or work_dir required");
        await tasks.PinSessionAsync(task.Id, b.SessionId, b.WorkDir, time.GetUtcNow().UtcDateTime, ct);
        return Unit.Value;
    }
}
