using Multica.Application.Runtimes.Events;
using Multica.Application.DaemonProtocol.Workspaces;
using Multica.Application.Runtimes;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Tasks.Lifecycle;
using Multica.Domain.Constants;
using Multica.Application.Runtimes.Shared;

namespace Multica.Application.DaemonProtocol.Presence.RegisterDaemon;

public sealed record RegisterRuntimeItem(string? Name, string? Type, string? Version, string? Status);

/// <summary>POST /api/daemon/register — one runtime row per agent CLI of a daemon in a workspace (upsert + legacy merge).</summary>
public sealed record RegisterDaemonCommand(
    string WorkspaceId,
    string DaemonId,
    IReadOnlyList<string> LegacyDaemonIds,
    string DeviceName,
    string CliVersion,
    string LaunchedBy,
    IReadOnlyList<RegisterRuntimeItem> Runtimes,
    bool HasFailedProfiles) : ICommand<RegisterDaemonResponse>;

public sealed record RegisterDaemonResponse(
    IReadOnlyList<RuntimeDto> Runtimes, IReadOnlyList<RepoDto> Repos, string ReposVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Settings);

public sealed class RegisterDaemonValidator : AbstractValidator<RegisterDaemonCommand>
{
    public RegisterDaemonValidator()
    {
        // Upstream order: daemon_id before workspace_id, then the runtimes.
        RuleFor(x => x.DaemonId).NotEmpty().WithMessage("daemon_id is required");
        RuleFor(x => x.WorkspaceId).NotEmpty().WithMessage("workspace_id is required");
        // Newer daemons may register nothing but failed runtime profiles.
        RuleFor(x => x.Runtimes).Must((cmd, runtimes) => runtimes.Count > 0 || cmd.HasFailedProfiles)
            .WithMessage("at least one runtime is required");
    }
}

public sealed class RegisterDaemonHandler(
    ICallerContext callerContext,
    DaemonWorkspaceAccess access,
    IWorkspaceRepository workspaces,
    IRuntimeRepository runtimes,
    IRuntimeLiveness liveness,
    TaskEvents events,
    IAnalytics analytics,
    TimeProvider time) : ICommandHandler<RegisterDaemonCommand, RegisterDaemonResponse>
{
    public async ValueTask<RegisterDaemonResponse> Handle(RegisterDaemonCommand command, CancellationToken ct)
    {
        var caller = callerContext.Caller;
        if (!Guid.TryParse(command.WorkspaceId, out var workspaceId) || !await access.CanAccessAsync(workspaceId, ct))
            throw new NotFoundException(ErrorMessages.WorkspaceNotFound);
        var workspace = await workspaces.FindByIdAsync(workspaceId, ct) ?? throw new NotFoundException(ErrorMessages.WorkspaceNotFound);
        // A daemon token never sets or changes the owner; a user registering becomes the owner.
        var owner = caller.Kind == CallerKind.DaemonToken ? null : caller.UserId;
        var legacy = command.LegacyDaemonIds.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

        var registered = new List<RuntimeDto>(command.Runtimes.Count);
        foreach (var item in command.Runtimes)
        {
            // Microsecond precision, as PostgreSQL stores it: a row whose created_at equals it was inserted now.
            var now = time.GetUtcNow().UtcDateTime;
            now = now.AddTicks(-(now.Ticks % 10));
            var registration = Registration(command, workspaceId, item, owner, callerContext.Client.Capabilities);
            var runtime = await runtimes.RegisterAsync(registration, legacy, now, ct);
            // The row is committed online with last_seen_at = now: the daemon's heartbeats can be coalesced at once.
            if (runtime.Status == RuntimeStatus.Online)
                liveness.Confirm(runtime.Id);
            if (runtime.CreatedAt == now)
                analytics.Capture(new AnalyticsEvent("runtime_registered",
                    owner?.ToString() ?? $"workspace:{workspaceId}", workspaceId,
                    new Dictionary<string, object?>
                    {
                        ["runtime_id"] = runtime.Id.ToString(),
                        ["provider"] = runtime.Provider,
                        ["runtime_version"] = item.Version ?? "",
                        ["cli_version"] = command.CliVersion,
                    }));
            registered.Add(RuntimeDto.From(runtime));
        }

        events.DaemonRegister(workspaceId, DaemonRegisterPayload.Registered(registered));
        var repos = RepoList.Normalize(workspace.Repos);
        return new RegisterDaemonResponse(registered, repos, RepoList.Version(repos), WorkspaceSettings.ForDaemon(workspace.Settings));
    }

    private static RuntimeRegistration Registration(RegisterDaemonCommand c, Guid workspaceId, RegisterRuntimeItem item, Guid? owner,
        string? capabilities)
    {
        var provider = (item.Type ?? "").Trim();
        if (provider.Length == 0)
            provider = "unknown";
        var name = (item.Name ?? "").Trim();
        if (name.Length == 0)
            name = c.DeviceName.Length > 0 ? $"{provider} ({c.DeviceName})" : provider;
        var version = item.Version ?? "";
        var deviceInfo = version.Length == 0 ? c.DeviceName
            : c.DeviceName.Length > 0 ? $"{c.DeviceName} \u00b7 {version}" : version;
        var metadata = new Dictionary<string, object>
        {
            ["version"] = version,
            ["cli_version"] = c.CliVersion,
            ["launched_by"] = c.LaunchedBy,
        };
        // Newer daemons announce what they understand in X-Client-Capabilities; kept per runtime.
        if (!string.IsNullOrWhiteSpace(capabilities))
            metadata["capabilities"] = capabilities.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var status = item.Status == RuntimeStatus.Offline ? RuntimeStatus.Offline : RuntimeStatus.Online;
        return new RuntimeRegistration(workspaceId, c.DaemonId, provider, name, status, deviceInfo, JsonSerializer.Serialize(metadata), owner);
    }
}
