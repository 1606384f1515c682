using Multica.Application.Tasks.StateMachine;
using FluentValidation;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Lifecycle;

namespace Multica.Application.DaemonProtocol.TaskRuns.FailTask;

/// <summary>POST /api/daemon/tasks/{taskId}/fail — access first, then the body; a replay on a finished task returns it unchanged.</summary>
public sealed record FailTaskCommand(
    string TaskId, bool BodyValid,
    string? Error, string? FailureReason, string? SessionId, string? WorkDir, string? BranchName, string? DurableWorkDir,
    bool SessionRolloutMissing = false, string? RetiredSessionId = null)
    : ICommand<TaskDto>, IDaemonTaskScoped;

public sealed class FailTaskValidator : AbstractValidator<FailTaskCommand>
{
    public FailTaskValidator() => RuleFor(x => x.BodyValid).Equal(true).WithMessage(ErrorMessages.InvalidRequestBody);
}

public sealed class FailTaskHandler(AccessScope scope, TaskTransitionService transitions) : ICommandHandler<FailTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(FailTaskCommand c, CancellationToken ct)
    {
        var task = await transitions.FailAsync(scope.RequireTask(),
            new FailInput(c.Error, c.FailureReason, c.SessionId, c.WorkDir, c.BranchName, c.DurableWorkDir, c.SessionRolloutMissing, c.RetiredSessionId?.Trim()), scope.WorkspaceId, ct);
        return TaskMapper.ToDto(task);
    }
}
