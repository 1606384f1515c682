using Multica.Application.Tasks.StateMachine;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Tasks.Lifecycle;

namespace Multica.Application.DaemonProtocol.Claiming.RecoverOrphans;

/// <summary>
/// POST /api/daemon/runtimes/{runtimeId}/recover-orphans — a restarted daemon lost whatever was in
/// flight on this runtime: those tasks fail with runtime_recovery (and are retried when eligible).
/// </summary>
public sealed record RecoverOrphansCommand(string RuntimeId) : ICommand<RecoverOrphansResponse>, IDaemonRuntimeScoped;

public sealed record RecoverOrphansResponse(int Orphaned, int Retried);

public sealed class RecoverOrphansHandler(AccessScope scope, TaskTransitionService transitions) : ICommandHandler<RecoverOrphansCommand, RecoverOrphansResponse>
{
    public async ValueTask<RecoverOrphansResponse> Handle(RecoverOrphansCommand command, CancellationToken ct)
    {
        var (orphaned, retried) = await transitions.RecoverOrphansAsync(scope.RequireRuntime().Id, ct);
        return new RecoverOrphansResponse(orphaned, retried);
    }
}
