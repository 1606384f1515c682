using Multica.Application.DaemonProtocol.Socket;
using Multica.Application.Runtimes;
using Multica.Application.Common;
using Mediator;
using Microsoft.Extensions.Logging;
using Multica.Application.Common.Security;
using Multica.Application.Runtimes.Shared;

namespace Multica.Application.PendingRequests.LocalSkillList;

// Skills installed on the daemon's machine (docs/pending-requests.md). Runtime owner only.

/// <summary>POST /api/runtimes/{runtimeId}/local-skills.</summary>
public sealed record CreateLocalSkillListCommand(string? WorkspaceId, string RuntimeId) : ICommand<LocalSkillListDto>, IWorkspaceMemberScoped;

public sealed class CreateLocalSkillListHandler(
    RuntimeAccess access, IPendingRequestStore<LocalSkillListRequest> store, IDaemonPush push, TimeProvider time,
    ILogger<CreateLocalSkillListHandler> logger)
    : ICommandHandler<CreateLocalSkillListCommand, LocalSkillListDto>
{
    public async ValueTask<LocalSkillListDto> Handle(CreateLocalSkillListCommand command, CancellationToken ct)
    {
        var runtime = await access.RequireOwnerAsync(command.RuntimeId, ct);
        RuntimeAccess.RequireOnline(runtime);
        var now = time.GetUtcNow().UtcDateTime;
        var request = new LocalSkillListRequest
        {
            Id = PendingRequest.NewId(),
            RuntimeId = runtime.Id.ToString(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await StoreCalls.GuardAsync(() => store.TryCreateAsync(request, ct), "failed to enqueue local skills request", logger);
        push.PendingWork(runtime.Id, store.Policy.PushKind);
        return LocalSkillListDto.From(request);
    }
}

/// <summary>GET /api/runtimes/{runtimeId}/local-skills/{requestId}.</summary>
public sealed record GetLocalSkillListQuery(string? WorkspaceId, string RuntimeId, string RequestId)
    : IQuery<LocalSkillListDto>, IWorkspaceMemberScoped;

public sealed class GetLocalSkillListHandler(
    RuntimeAccess access, IPendingRequestStore<LocalSkillListRequest> store, ILogger<GetLocalSkillListHandler> logger)
    : IQueryHandler<GetLocalSkillListQuery, LocalSkillListDto>
{
    public async ValueTask<LocalSkillListDto> Handle(GetLocalSkillListQuery query, CancellationToken ct)
    {
        var runtime = await access.RequireOwnerAsync(query.RuntimeId, ct);
        var request = await StoreCalls.RequireOfRuntimeAsync(store, query.RequestId, runtime.Id, logger, ct);
        return LocalSkillListDto.From(request);
    }
}

public sealed record LocalSkillListResultBody(string? Status, IReadOnlyList<LocalSkillSummary>? Skills, bool? Supported, string? Error);

/// <summary>POST /api/daemon/runtimes/{runtimeId}/local-skills/{requestId}/result.</summary>
public sealed record ReportLocalSkillListResultCommand(string RuntimeId, string RequestId, DeferredBody<LocalSkillListResultBody> Body)
    : ICommand<StatusOkDto>, IDaemonRuntimeScoped;

public sealed class ReportLocalSkillListResultHandler(
    AccessScope scope, IPendingRequestStore<LocalSkillListRequest> store, ILogger<ReportLocalSkillListResultHandler> logger)
    : ICommandHandler<ReportLocalSkillListResultCommand, StatusOkDto>
{
    public async ValueTask<StatusOkDto> Handle(ReportLocalSkillListResultCommand command, CancellationToken ct)
    {
        var request = await StoreCalls.RequireOfRuntimeAsync(store, command.RequestId, scope.RequireRuntime().Id, logger, ct);
        if (PendingStatus.IsTerminal(request.Status))
            return StatusOkDto.Ok; // stale report (also a timeout observed by this very read)

        var body = command.Body.Require();
        if (body.Status == PendingStatus.Completed)
            await StoreCalls.GuardAsync(() => store.FinishAsync(command.RequestId, r => r with
            {
                Status = PendingStatus.Completed,
                Skills = body.Skills?.Select(s => s.Normalized()).ToList(),
                Supported = body.Supported ?? true,
            }, ct), PendingRequestErrors.FailedToPersistCompletion, logger);
        else
            await StoreCalls.GuardAsync(() => store.FinishAsync(command.RequestId,
                r => r with { Status = PendingStatus.Failed, Error = body.Error }, ct), PendingRequestErrors.FailedToPersistFailure, logger);
        return StatusOkDto.Ok;
    }
}
