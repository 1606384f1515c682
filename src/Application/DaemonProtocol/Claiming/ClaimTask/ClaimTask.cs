using Multica.Application.Common.Timing;
using Multica.Application.Common.Errors;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Claiming;

namespace Multica.Application.DaemonProtocol.Claiming.ClaimTask;

/// <summary>POST /api/daemon/runtimes/{runtimeId}/tasks/claim — the next runnable task of this runtime, or null.</summary>
[SlowRequestLog("claim_endpoint slow")]
public sealed record ClaimTaskCommand(string RuntimeId) : ICommand<ClaimTaskResponse>, IDaemonRuntimeScoped;

/// <summary>{"task": null} when nothing is claimable.</summary>
public sealed record ClaimTaskResponse(TaskDto? Task);

public sealed class ClaimTaskHandler(AccessScope scope, PollingClaimer claimer)
    : ICommandHandler<ClaimTaskCommand, ClaimTaskResponse>
{
    public const string IsolationFailed = "task workspace isolation check failed";
    public const string OwnerRequired = "runtime owner required to mint task token";
    private static readonly ClaimTaskResponse Nothing = new(null);

    public async ValueTask<ClaimTaskResponse> Handle(ClaimTaskCommand command, CancellationToken ct)
    {
        var outcomes = await claimer.ClaimAsync([scope.RequireRuntime()], maxTasks: 1, ct);
        if (outcomes.Count == 0)
            return Nothing;
        var outcome = outcomes[0];
        return outcome.Rejection switch
        {
            ClaimRejection.None => new ClaimTaskResponse(outcome.Task),
            ClaimRejection.WorkspaceIsolation => throw new InternalErrorException(IsolationFailed),
            _ => throw new InternalErrorException(OwnerRequired),
        };
    }
}
