using Multica.Application.Tasks.StateMachine;
using FluentValidation;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Lifecycle;

namespace Multica.Application.DaemonProtocol.TaskRuns.CompleteTask;

/// <summary>
/// POST /api/daemon/tasks/{taskId}/complete. Access is checked before the body is judged, so the body
/// arrives pre-decoded with <see cref="BodyValid"/>. A replay on a finished task returns it unchanged.
/// </summary>
public sealed record CompleteTaskCommand(
    string TaskId, bool BodyValid,
    string? PrUrl, string? Output, string? SessionId, string? WorkDir, string? BranchName, string? DurableWorkDir,
    bool SessionRolloutMissing = false, string? RetiredSessionId = null)
    : ICommand<TaskDto>, IDaemonTaskScoped;

public sealed class CompleteTaskValidator : AbstractValidator<CompleteTaskCommand>
{
    public CompleteTaskValidator() => RuleFor(x => x.BodyValid).Equal(true).WithMessage(ErrorMessages.InvalidRequestBody);
}

public sealed class CompleteTaskHandler(AccessScope scope, TaskTransitionService transitions) : ICommandHandler<CompleteTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(CompleteTaskCommand c, CancellationToken ct)
    {
        var task = await transitions.CompleteAsync(scope.RequireTask(),
            new CompleteInput(c.PrUrl, c.Output, c.SessionId, c.WorkDir, c.BranchName, c.DurableWorkDir, c.SessionRolloutMissing, c.RetiredSessionId?.Trim()), scope.WorkspaceId, ct);
        return TaskMapper.ToDto(task);
    }
}
