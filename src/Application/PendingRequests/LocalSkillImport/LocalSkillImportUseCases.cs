using Multica.Application.Skills.Events;
using Multica.Application.Skills.Shared;
using Multica.Application.DaemonProtocol.Socket;
using Multica.Application.Runtimes;
using Multica.Application.Common;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.Logging;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Application.Runtimes.Shared;

namespace Multica.Application.PendingRequests.LocalSkillImport;

// Import one local skill into the workspace (docs/pending-requests.md). Runtime owner only.

public sealed record CreateLocalSkillImportBody(string? SkillKey, string? Name, string? Description);

/// <summary>POST /api/runtimes/{runtimeId}/local-skills/import.</summary>
public sealed record CreateLocalSkillImportCommand(string? WorkspaceId, string RuntimeId, DeferredBody<CreateLocalSkillImportBody> Body)
    : ICommand<LocalSkillImportDto>, IWorkspaceMemberScoped;

public sealed class CreateLocalSkillImportHandler(
    RuntimeAccess access, ICallerContext caller, IPendingRequestStore<LocalSkillImportRequest> store, IDaemonPush push,
    TimeProvider time, ILogger<CreateLocalSkillImportHandler> logger)
    : ICommandHandler<CreateLocalSkillImportCommand, LocalSkillImportDto>
{
    public async ValueTask<LocalSkillImportDto> Handle(CreateLocalSkillImportCommand command, CancellationToken ct)
    {
        var runtime = await access.RequireOwnerAsync(command.RuntimeId, ct);
        RuntimeAccess.RequireOnline(runtime);
        var userId = caller.RequireUserId();
        var body = command.Body.Require();
        var key = body.SkillKey?.Trim();
        if (string.IsNullOrEmpty(key))
            throw new BadRequestException("skill_key is required");

        var now = time.GetUtcNow().UtcDateTime;
        var request = new LocalSkillImportRequest
        {
            Id = PendingRequest.NewId(),
            RuntimeId = runtime.Id.ToString(),
            SkillKey = key,
            Name = TrimToNull(body.Name),
            Description = TrimToNull(body.Description),
            CreatorId = userId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await StoreCalls.GuardAsync(() => store.TryCreateAsync(request, ct), "failed to enqueue local skill import", logger);
        push.PendingWork(runtime.Id, store.Policy.PushKind);
        return LocalSkillImportDto.From(request);
    }

    private static string? TrimToNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>GET /api/runtimes/{runtimeId}/local-skills/import/{requestId}.</summary>
public sealed record GetLocalSkillImportQuery(string? WorkspaceId, string RuntimeId, string RequestId)
    : IQuery<LocalSkillImportDto>, IWorkspaceMemberScoped;

public sealed class GetLocalSkillImportHandler(
    RuntimeAccess access, IPendingRequestStore<LocalSkillImportRequest> store, ILogger<GetLocalSkillImportHandler> logger)
    : IQueryHandler<GetLocalSkillImportQuery, LocalSkillImportDto>
{
    public async ValueTask<LocalSkillImportDto> Handle(GetLocalSkillImportQuery query, CancellationToken ct)
    {
        var runtime = await access.RequireOwnerAsync(query.RuntimeId, ct);
        var request = await StoreCalls.RequireOfRuntimeAsync(store, query.RequestId, runtime.Id, logger, ct);
        return LocalSkillImportDto.From(request);
    }
}

public sealed record ImportedBundleFile(string? Path, string? Content);

public sealed record ImportedBundle(
    string? Name, string? Description, string? Content, string? SourcePath, string? Provider, IReadOnlyList<ImportedBundleFile>? Files);

public sealed record LocalSkillImportResultBody(string? Status, ImportedBundle? Skill, string? Error);

/// <summary>POST /api/daemon/runtimes/{runtimeId}/local-skills/import/{requestId}/result.</summary>
public sealed record ReportLocalSkillImportResultCommand(string RuntimeId, string RequestId, DeferredBody<LocalSkillImportResultBody> Body)
    : ICommand<StatusOkDto>, IDaemonRuntimeScoped;

/// <summary>skill:created payload: the skill with its files.</summary>
public sealed class ReportLocalSkillImportResultHandler(
    AccessScope scope, IPendingRequestStore<LocalSkillImportRequest> store, ISkillImportWriter writer, SkillEvents events,
    ILogger<ReportLocalSkillImportResultHandler> logger)
    : ICommandHandler<ReportLocalSkillImportResultCommand, StatusOkDto>
{
    public const string EmptyBundle = "daemon returned an empty skill bundle";

    public async ValueTask<StatusOkDto> Handle(ReportLocalSkillImportResultCommand command, CancellationToken ct)
    {
        var runtime = scope.RequireRuntime();
        var request = await StoreCalls.RequireOfRuntimeAsync(store, command.RequestId, runtime.Id, logger, ct);
        if (PendingStatus.IsTerminal(request.Status))
            return StatusOkDto.Ok; // stale report: nothing is created for a timed-out request

        var body = command.Body.Require();
        if (body.Status != PendingStatus.Completed)
            return await FailAsync(command.RequestId, body.Error, ct);
        if (body.Skill is null)
            return await FailAsync(command.RequestId, EmptyBundle, ct);

        var bundle = body.Skill;
        var config = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["origin"] = new Dictionary<string, string>
            {
                ["type"] = "runtime_local",
                ["runtime_id"] = runtime.Id.ToString(),
                ["provider"] = bundle.Provider ?? "",
                ["source_path"] = bundle.SourcePath ?? "",
            },
        });
        var name = request.Name ?? bundle.Name ?? "";
        if (string.IsNullOrWhiteSpace(name))
            return await FailAsync(command.RequestId, "skill name is required", ct);

        var created = await writer.CreateAsync(new SkillImportBundle(
            runtime.WorkspaceId, request.CreatorId, name, request.Description ?? bundle.Description ?? "", bundle.Content ?? "",
            config, SkillBundleFiles.Filter(bundle.Files)), ct);
        if (created.Skill is null)
            return await FailAsync(command.RequestId, created.Failure ?? "failed to create skill", ct);

        var skill = created.Skill;
        try
        {
            await store.FinishAsync(command.RequestId, r => r with { Status = PendingStatus.Completed, Skill = skill }, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Undo so the daemon's retry starts from a clean slate (no duplicate-name failure).
            logger.LogWarning(ex, "could not record import {RequestId} as completed; removing skill {SkillId}", command.RequestId, skill.Id);
            try { await writer.DeleteAsync(skill.Id, CancellationToken.None); }
            catch (Exception deleteEx) { logger.LogWarning(deleteEx, "could not remove skill {SkillId}", skill.Id); }
            throw new InternalErrorException(PendingRequestErrors.FailedToPersistImportCompletion);
        }

        events.SkillImported(new SkillWithFilesDto(skill.Id, skill.WorkspaceId, skill.Name, skill.Description, skill.Content,
            skill.Config, skill.CreatedBy, skill.CreatedAt, skill.UpdatedAt, created.Files), request.CreatorId);
        return StatusOkDto.Ok;
    }

    private async Task<StatusOkDto> FailAsync(string requestId, string? error, CancellationToken ct)
    {
        await StoreCalls.GuardAsync(() => store.FinishAsync(requestId, r => r with { Status = PendingStatus.Failed, Error = error }, ct),
            PendingRequestErrors.FailedToPersistFailure, logger);
        return StatusOkDto.Ok;
    }
}

/// <summary>Keeps only relative paths that stay inside the skill directory; a later duplicate path wins.</summary>
public static class SkillBundleFiles
{
    public static IReadOnlyList<SkillImportFile> Filter(IReadOnlyList<ImportedBundleFile>? files)
    {
        var kept = new Dictionary<string, SkillImportFile>(StringComparer.Ordinal);
        foreach (var file in files ?? [])
        {
            if (file is null || !IsSafe(file.Path))
                continue;
            kept[file.Path!] = new SkillImportFile(file.Path!, file.Content ?? "");
        }
        return kept.Values.ToList();
    }

    /// <summary>Non-empty, not absolute, and its lexically cleaned form does not start with "..".</summary>
    public static bool IsSafe(string? path)
    {
        if (string.IsNullOrEmpty(path))
            return false;
        var normalized = path.Replace('\\', '/');
        if (normalized.StartsWith('/') || (normalized.Length >= 2 && char.IsAsciiLetter(normalized[0]) && normalized[1] == ':'))
            return false;
        return !Clean(normalized).StartsWith("..", StringComparison.Ordinal);
    }

    /// <summary>Lexical clean of a relative slash path (Go's path.Clean for relative input).</summary>
    public static string Clean(string path)
    {
        var parts = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
                continue;
            if (segment == ".." && parts.Count > 0 && parts[^1] != "..")
                parts.RemoveAt(parts.Count - 1);
            else
                parts.Add(segment);
        }
        return parts.Count == 0 ? "." : string.Join('/', parts);
    }
}
