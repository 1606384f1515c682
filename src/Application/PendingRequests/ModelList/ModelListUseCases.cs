using Multica.Application.DaemonProtocol.Socket;
using Multica.Application.Runtimes;
using Multica.Application.Common;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Runtimes.Shared;

namespace Multica.Application.PendingRequests.ModelList;

// Model list of a runtime's agent CLI (docs/pending-requests.md).

/// <summary>POST /api/runtimes/{runtimeId}/models — any member; the runtime must be online.</summary>
public sealed record CreateModelListCommand(string? WorkspaceId, string RuntimeId) : ICommand<ModelListDto>, IWorkspaceMemberScoped;

public sealed class CreateModelListHandler(
    RuntimeAccess access, IPendingRequestStore<ModelListRequest> store, IDaemonPush push, TimeProvider time)
    : ICommandHandler<CreateModelListCommand, ModelListDto>
{
    public async ValueTask<ModelListDto> Handle(CreateModelListCommand command, CancellationToken ct)
    {
        var runtime = await access.RequireMemberAsync(command.RuntimeId, ct);
        RuntimeAccess.RequireOnline(runtime);
        var now = time.GetUtcNow().UtcDateTime;
        var request = new ModelListRequest
        {
            Id = PendingRequest.NewId(),
            RuntimeId = runtime.Id.ToString(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.TryCreateAsync(request, ct);
        push.PendingWork(runtime.Id, store.Policy.PushKind);
        return ModelListDto.From(request);
    }
}

/// <summary>GET /api/runtimes/{runtimeId}/models/{requestId}.</summary>
public sealed record GetModelListQuery(string? WorkspaceId, string RuntimeId, string RequestId) : IQuery<ModelListDto>, IWorkspaceMemberScoped;

public sealed class GetModelListHandler(RuntimeAccess access, IPendingRequestStore<ModelListRequest> store)
    : IQueryHandler<GetModelListQuery, ModelListDto>
{
    public async ValueTask<ModelListDto> Handle(GetModelListQuery query, CancellationToken ct)
    {
        var runtime = await access.RequireMemberAsync(query.RuntimeId, ct);
        var request = await store.GetAsync(query.RequestId, ct);
        if (request is null || request.RuntimeId != runtime.Id.ToString())
            throw new NotFoundException(PendingRequestErrors.RequestNotFound);
        return ModelListDto.From(request);
    }
}

public sealed record ModelListResultBody(string? Status, IReadOnlyList<ModelEntry>? Models, bool? Supported, string? Error);

/// <summary>POST /api/daemon/runtimes/{runtimeId}/models/{requestId}/result.</summary>
public sealed record ReportModelListResultCommand(string RuntimeId, string RequestId, DeferredBody<ModelListResultBody> Body)
    : ICommand<StatusOkDto>, IDaemonRuntimeScoped;

public sealed class ReportModelListResultHandler(AccessScope scope, IPendingRequestStore<ModelListRequest> store)
    : ICommandHandler<ReportModelListResultCommand, StatusOkDto>
{
    public async ValueTask<StatusOkDto> Handle(ReportModelListResultCommand command, CancellationToken ct)
    {
        var body = command.Body.Require();
        Func<ModelListRequest, ModelListRequest> change = body.Status == PendingStatus.Completed
            // Older daemons omit "supported": absent or null means supported.
            ? r => r with { Status = PendingStatus.Completed, Models = body.Models?.Select(m => m.Normalized()).ToList(), Supported = body.Supported ?? true }
            : r => r with { Status = PendingStatus.Failed, Error = body.Error };

        var current = await store.GetAsync(command.RequestId, ct);
        if (current is not null && current.RuntimeId == scope.RequireRuntime().Id.ToString())
            await store.FinishAsync(command.RequestId, change, ct);
        return StatusOkDto.Ok;
    }
}
