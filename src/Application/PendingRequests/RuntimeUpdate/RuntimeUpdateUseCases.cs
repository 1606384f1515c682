using Multica.Application.DaemonProtocol.Socket;
using Multica.Application.Runtimes;
using Multica.Application.Common;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Runtimes.Shared;

namespace Multica.Application.PendingRequests.RuntimeUpdate;

// CLI self-update of a daemon (docs/pending-requests.md): the UI asks, the heartbeat delivers
// pending_update, the daemon reports to …/update/{id}/result.

public sealed record CreateRuntimeUpdateBody(string? TargetVersion);

/// <summary>POST /api/runtimes/{runtimeId}/update — any member of the runtime's workspace.</summary>
public sealed record CreateRuntimeUpdateCommand(string? WorkspaceId, string RuntimeId, DeferredBody<CreateRuntimeUpdateBody> Body)
    : ICommand<RuntimeUpdateDto>, IWorkspaceMemberScoped;

public sealed class CreateRuntimeUpdateHandler(
    RuntimeAccess access, IPendingRequestStore<RuntimeUpdateRequest> store, IDaemonPush push, TimeProvider time)
    : ICommandHandler<CreateRuntimeUpdateCommand, RuntimeUpdateDto>
{
    public const string AlreadyInProgress = "an update is already in progress for this runtime";

    public async ValueTask<RuntimeUpdateDto> Handle(CreateRuntimeUpdateCommand command, CancellationToken ct)
    {
        var runtime = await access.RequireMemberAsync(command.RuntimeId, ct);
        var body = command.Body.Require();
        if (string.IsNullOrEmpty(body.TargetVersion))
            throw new BadRequestException("target_version is required");

        var now = time.GetUtcNow().UtcDateTime;
        var request = new RuntimeUpdateRequest
        {
            Id = PendingRequest.NewId(),
            RuntimeId = runtime.Id.ToString(),
            TargetVersion = body.TargetVersion,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (!await store.TryCreateAsync(request, ct))
            throw new ConflictException(AlreadyInProgress);
        push.PendingWork(runtime.Id, store.Policy.PushKind);
        return RuntimeUpdateDto.From(request);
    }
}

/// <summary>GET /api/runtimes/{runtimeId}/update/{updateId} — only records of that runtime are visible.</summary>
public sealed record GetRuntimeUpdateQuery(string? WorkspaceId, string RuntimeId, string UpdateId)
    : IQuery<RuntimeUpdateDto>, IWorkspaceMemberScoped;

public sealed class GetRuntimeUpdateHandler(RuntimeAccess access, IPendingRequestStore<RuntimeUpdateRequest> store)
    : IQueryHandler<GetRuntimeUpdateQuery, RuntimeUpdateDto>
{
    public async ValueTask<RuntimeUpdateDto> Handle(GetRuntimeUpdateQuery query, CancellationToken ct)
    {
        var runtime = await access.RequireMemberAsync(query.RuntimeId, ct);
        var request = await store.GetAsync(query.UpdateId, ct);
        if (request is null || request.RuntimeId != runtime.Id.ToString())
            throw new NotFoundException("update not found");
        return RuntimeUpdateDto.From(request);
    }
}

public sealed record RuntimeUpdateResultBody(string? Status, string? Output, string? Error);

/// <summary>POST /api/daemon/runtimes/{runtimeId}/update/{updateId}/result.</summary>
public sealed record ReportRuntimeUpdateResultCommand(string RuntimeId, string UpdateId, DeferredBody<RuntimeUpdateResultBody> Body)
    : ICommand<StatusOkDto>, IDaemonRuntimeScoped;

public sealed class ReportRuntimeUpdateResultHandler(AccessScope scope, IPendingRequestStore<RuntimeUpdateRequest> store)
    : ICommandHandler<ReportRuntimeUpdateResultCommand, StatusOkDto>
{
    public async ValueTask<StatusOkDto> Handle(ReportRuntimeUpdateResultCommand command, CancellationToken ct)
    {
        var body = command.Body.Require();
        Func<RuntimeUpdateRequest, RuntimeUpdateRequest>? change = body.Status switch
        {
            PendingStatus.Completed => r => r with { Status = PendingStatus.Completed, Output = body.Output },
            PendingStatus.Failed => r => r with { Status = PendingStatus.Failed, Error = body.Error },
            // Progress signal only: the claim already made it running.
            PendingStatus.Running => null,
            _ => throw new BadRequestException("invalid status: " + body.Status),
        };
        if (change is null)
            return StatusOkDto.Ok;

        // Unknown ids and other runtimes' requests are ignored (200), as upstream answers; stale
        // reports never overwrite a terminal record.
        var current = await store.GetAsync(command.UpdateId, ct);
        if (current is not null && current.RuntimeId == scope.RequireRuntime().Id.ToString())
            await store.FinishAsync(command.UpdateId, change, ct);
        return StatusOkDto.Ok;
    }
}
