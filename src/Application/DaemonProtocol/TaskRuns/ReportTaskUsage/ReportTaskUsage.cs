using Multica.Application.Common;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;

namespace Multica.Application.DaemonProtocol.TaskRuns.ReportTaskUsage;

public sealed record TaskUsageItem(string? Provider, string? Model, long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWriteTokens);

public sealed class ReportTaskUsageBody
{
    public List<TaskUsageItem?>? Usage { get; init; }
}

/// <summary>POST /api/daemon/tasks/{taskId}/usage — token counters per (provider, model); the last report wins.</summary>
public sealed record ReportTaskUsageCommand(string TaskId, DeferredBody<ReportTaskUsageBody> Body)
    : ICommand<StatusOkDto>, IDaemonTaskRefScoped;

public sealed class ReportTaskUsageHandler(AccessScope scope, ITaskRepository tasks, TimeProvider time)
    : ICommandHandler<ReportTaskUsageCommand, StatusOkDto>
{
    public async ValueTask<StatusOkDto> Handle(ReportTaskUsageCommand command, CancellationToken ct)
    {
        var task = scope.RequireTaskRef();
        // One row per (provider, model): a batch naming the same pair twice keeps its last entry.
        var entries = (command.Body.Require().Usage ?? []).OfType<TaskUsageItem>()
            .Select(u => new UsageEntry(u.Provider ?? "", u.Model ?? "", u.InputTokens, u.OutputTokens, u.CacheReadTokens, u.CacheWriteTokens))
            .GroupBy(u => (u.Provider, u.Model))
            .Select(g => g.Last())
            .ToList();
        if (entries.Count > 0 && !await tasks.UpsertUsageAsync(task.Id, entries, time.GetUtcNow().UtcDateTime, ct))
            throw new NotFoundException(ErrorMessages.TaskNotFound);
        return StatusOkDto.Ok;
    }
}
