using Multica.Domain.Entities;

namespace Multica.Application.Autopilots;

public interface IAutopilotRepository
{
    /// <summary>Autopilots of the workspace, newest first, optionally of one status.</summary>
    Task<IReadOnlyList<Autopilot>> ListAsync(Guid workspaceId, string? status, CancellationToken ct);

    Task<Autopilot?> FindAsync(Guid workspaceId, Guid autopilotId, CancellationToken ct);

    Task AddAsync(Autopilot autopilot, CancellationToken ct);

    Task UpdateAsync(Autopilot autopilot, CancellationToken ct);

    Task DeleteAsync(Guid autopilotId, CancellationToken ct);

    Task<IReadOnlyList<AutopilotTrigger>> ListTriggersAsync(Guid autopilotId, CancellationToken ct);

    Task AddRunAsync(AutopilotRun run, CancellationToken ct);

    Task UpdateRunAsync(AutopilotRun run, CancellationToken ct);

    /// <summary>Runs newest first.</summary>
    Task<IReadOnlyList<AutopilotRun>> ListRunsAsync(Guid autopilotId, int limit, int offset, CancellationToken ct);
}
