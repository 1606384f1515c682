using FluentValidation;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;

namespace Multica.Application.DaemonProtocol.TaskRuns.PinTaskSession;

/// <summary>POST /api/daemon/tasks/{taskId}/session — pins the resume pointer mid-run (204); a no-op once the task ended.</summary>
public sealed record PinTaskSessionCommand(string TaskId, bool BodyValid, string? SessionId, string? WorkDir)
    : ICommand, IDaemonTaskScoped;

public sealed class PinTaskSessionValidator : AbstractValidator<PinTaskSessionCommand>
{
    public PinTaskSessionValidator()
    {
        RuleFor(x => x.BodyValid).Equal(true).WithMessage(ErrorMessages.InvalidRequestBody);
        RuleFor(x => x).Must(x => !x.BodyValid || !string.IsNullOrEmpty(x.SessionId) || !string.IsNullOrEmpty(x.WorkDir))
            .WithMessage("session_id or work_dir required");
    }
}

public sealed class PinTaskSessionHandler(AccessScope scope, ITaskRepository tasks, TimeProvider time) : ICommandHandler<PinTaskSessionCommand>
{
    public async ValueTask<Unit> Handle(PinTaskSessionCommand command, CancellationToken ct)
    {
        await tasks.PinSessionAsync(scope.RequireTask().Id, command.SessionId, command.WorkDir, time.GetUtcNow().UtcDateTime, ct);
        return Unit.Value;
    }
}
