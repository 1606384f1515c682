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

public sealed class ClaimTaskHandler(AccessScope scope, TaskClaimer claimer, EmptyQueueMarks emptyQueues, ITaskRepository tasks)
    : ICommandHandler<ClaimTaskCommand, ClaimTaskResponse>
{
    public const string IsolationFailed = "task workspace isolation check failed";
    public const string OwnerRequired = "runtime owner required to mint task token";
    private static readonly ClaimTaskResponse Nothing = new(null);

    public async ValueTask<ClaimTaskResponse> Handle(ClaimTaskCommand command, CancellationToken ct)
    {
        var runtime = scope.RequireRuntime();
        if (emptyQueues.IsKnownEmpty(runtime.Id))
            return Nothing;
        var version = emptyQueues.Version(runtime.Id);
        // Nothing claimable unless something waits: a runtime that had no work at its last claim is probed first
        // (one indexed read), which spares an empty poll the claim transaction and the planning of its walk.
        var probed = !emptyQueues.LastClaimFoundWork(runtime.Id);
        if (probed && !await tasks.HasPendingForRuntimeAsync(runtime.Id, ct))
        {
            emptyQueues.MarkEmpty(runtime.Id, version);
            return Nothing;
        }
        var outcomes = await claimer.ClaimAsync([runtime], maxTasks: 1, ct);
        emptyQueues.RecordClaim(runtime.Id, foundWork: outcomes.Count > 0);
        if (outcomes.Count == 0)
        {
            // Remember "empty" only when nothing waits at all (not merely at capacity). After a probe that found
            // work, the answer is "not empty" already.
            if (!probed && !await tasks.HasPendingForRuntimeAsync(runtime.Id, ct))
                emptyQueues.MarkEmpty(runtime.Id, version);
            return Nothing;
        }
        var outcome = outcomes[0];
        return outcome.Rejection switch
        {
            ClaimRejection.None => new ClaimTaskResponse(outcome.Task),
            ClaimRejection.WorkspaceIsolation => throw new InternalErrorException(IsolationFailed),
            _ => throw new InternalErrorException(OwnerRequired),
        };
    }
}
