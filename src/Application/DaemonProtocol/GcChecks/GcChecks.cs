using FluentValidation;
using Multica.Application.Common;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.PendingRequests;
using System.Text.Json.Serialization;

namespace Multica.Application.DaemonProtocol.GcChecks;

// Read-only status probes for the daemon's work-directory GC (docs/daemon-protocol.md). The daemon
// deletes a chat directory at once on a 404, so "not found" is answered only when true.

public sealed record GcStatusDto(string Status, DateTime UpdatedAt);

public sealed record GcCompletionDto(string Status, DateTime CompletedAt);

/// <summary>GET /api/daemon/chat-sessions/{sessionId}/gc-check.</summary>
public sealed record ChatSessionGcCheckQuery(string SessionId) : IQuery<GcStatusDto>;

public sealed class ChatSessionGcCheckHandler(DaemonWorkspaceAccess workspaces, IDaemonProtocolRepository repository)
    : IQueryHandler<ChatSessionGcCheckQuery, GcStatusDto>
{
    public async ValueTask<GcStatusDto> Handle(ChatSessionGcCheckQuery query, CancellationToken ct)
    {
        // A malformed id is a 400, not the 404 that would make the daemon delete a directory.
        if (!Guid.TryParse(query.SessionId.Trim(), out var id))
            throw new BadRequestException("invalid session_id");
        var state = await repository.FindChatSessionGcAsync(id, ct) ?? throw new NotFoundException("chat session not found");
        await workspaces.RequireAsync(state.WorkspaceId, ct);
        return new GcStatusDto(state.Status, state.At ?? DateTime.MinValue);
    }
}

/// <summary>GET /api/daemon/autopilot-runs/{runId}/gc-check — completed_at is the zero time for unfinished runs.</summary>
public sealed record AutopilotRunGcCheckQuery(string RunId) : IQuery<GcCompletionDto>;

public sealed class AutopilotRunGcCheckHandler(DaemonWorkspaceAccess workspaces, IDaemonProtocolRepository repository)
    : IQueryHandler<AutopilotRunGcCheckQuery, GcCompletionDto>
{
    public async ValueTask<GcCompletionDto> Handle(AutopilotRunGcCheckQuery query, CancellationToken ct)
    {
        var state = Guid.TryParse(query.RunId.Trim(), out var id) ? await repository.FindAutopilotRunGcAsync(id, ct) : null;
        if (state is null)
            throw new NotFoundException("autopilot run not found");
        await workspaces.RequireAsync(state.WorkspaceId, ct);
        return new GcCompletionDto(state.Status, state.At ?? DateTime.MinValue);
    }
}

/// <summary>GET /api/daemon/tasks/{taskId}/gc-check.</summary>
public sealed record TaskGcCheckQuery(string TaskId) : IQuery<GcCompletionDto>, IDaemonTaskScoped;

public sealed class TaskGcCheckHandler(AccessScope scope) : IQueryHandler<TaskGcCheckQuery, GcCompletionDto>
{
    public ValueTask<GcCompletionDto> Handle(TaskGcCheckQuery query, CancellationToken ct)
    {
        var task = scope.RequireTask();
        return ValueTask.FromResult(new GcCompletionDto(task.Status, task.CompletedAt ?? DateTime.MinValue));
    }
}

public sealed record IssuesGcCheckBody(IReadOnlyList<string>? IssueIds);

public sealed record IssueGcEntry(
    string Id,
    bool Found,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? UpdatedAt);

public sealed record IssuesGcCheckDto(IReadOnlyList<IssueGcEntry> Issues);

/// <summary>POST /api/daemon/workspaces/{workspaceId}/issues/gc-check — one entry per requested id, in order.</summary>
public sealed record IssuesGcCheckQuery(string WorkspaceId, DeferredBody<IssuesGcCheckBody> Body)
    : IQuery<IssuesGcCheckDto>, IDaemonWorkspaceScoped, IValidatedBeforeAccess;

/// <summary>The daemon only sends ids it got from us; a malformed one is a 400 before any look-up.</summary>
public sealed class IssuesGcCheckValidator : AbstractValidator<IssuesGcCheckQuery>
{
    public IssuesGcCheckValidator() => RuleFor(x => x.WorkspaceId).Must(Ids.IsValid).WithMessage("invalid workspace_id");
}

public sealed class IssuesGcCheckHandler(AccessScope scope, IDaemonProtocolRepository repository)
    : IQueryHandler<IssuesGcCheckQuery, IssuesGcCheckDto>
{
    public const int MaxIds = 500;

    public async ValueTask<IssuesGcCheckDto> Handle(IssuesGcCheckQuery query, CancellationToken ct)
    {
        var ids = query.Body.Require().IssueIds ?? [];
        if (ids.Count > MaxIds)
            throw new BadRequestException("too many issue_ids");
        var parsed = new List<Guid>(ids.Count);
        foreach (var raw in ids)
            parsed.Add(Guid.TryParse(raw, out var id) ? id : throw new BadRequestException("invalid issue_id"));

        // Another workspace's issue is simply not found (no enumeration oracle).
        var found = (await repository.FindIssuesGcAsync(scope.RequireWorkspaceId(), parsed.Distinct().ToList(), ct)).ToDictionary(i => i.Id);
        return new IssuesGcCheckDto(ids.Select((raw, i) => found.TryGetValue(parsed[i], out var issue)
            ? new IssueGcEntry(raw, true, issue.Status, issue.UpdatedAt)
            : new IssueGcEntry(raw, false, null, null)).ToList());
    }
}
