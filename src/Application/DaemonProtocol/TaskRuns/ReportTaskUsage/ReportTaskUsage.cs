using Multica.Application.Common;
using FluentValidation;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;

namespace Multica.Application.DaemonProtocol.TaskRuns.ReportTaskUsage;

/// <summary>POST /api/daemon/tasks/{taskId}/usage — token counters per (provider, model); the last report wins.</summary>
public sealed record ReportTaskUsageCommand(string TaskId, bool BodyValid, IReadOnlyList<UsageEntry> Usage)
    : ICommand<StatusOkDto>, IDaemonTaskScoped;

public sealed class ReportTaskUsageValidator : AbstractValidator<ReportTaskUsageCommand>
{
    public ReportTaskUsageValidator() => RuleFor(x => x.BodyValid).Equal(true).WithMessage(ErrorMessages.InvalidRequestBody);
}

public sealed class ReportTaskUsageHandler(AccessScope scope, ITaskRepository tasks, TimeProvider time)
    : ICommandHandler<ReportTaskUsageCommand, StatusOkDto>
{
    public async ValueTask<StatusOkDto> Handle(ReportTaskUsageCommand command, CancellationToken ct)
    {
        // One row per (provider, model): a batch naming the same pair twice keeps its last entry.
        var entries = command.Usage
            .GroupBy(u => (u.Provider, u.Model))
            .Select(g => g.Last())
            .ToList();
        if (entries.Count > 0)
            await tasks.UpsertUsageAsync(scope.RequireTask().Id, entries, time.GetUtcNow().UtcDateTime, ct);
        return StatusOkDto.Ok;
    }
}
