using Multica.WebApi.Infrastructure;
using Multica.Application.DaemonProtocol.Presence.RegisterDaemon;
using Multica.Application.DaemonProtocol.Presence.Heartbeat;
using Multica.Application.DaemonProtocol.Presence.DeregisterDaemon;
using Microsoft.AspNetCore.Mvc;
using Multica.Application.Common.Observability;

namespace Multica.WebApi.Controllers;

/// <summary>Daemon presence: register, deregister, heartbeat.</summary>
[Route("api/daemon")]
public sealed class DaemonPresenceController : ApiControllerBase
{
    public sealed record RuntimeBody(string? Name, string? Type, string? Version, string? Status);

    public sealed record RegisterBody(
        string? WorkspaceId, string? DaemonId, List<string?>? LegacyDaemonIds, string? DeviceName,
        string? CliVersion, string? LaunchedBy, List<RuntimeBody?>? Runtimes, List<System.Text.Json.JsonElement>? FailedProfiles);

    public sealed record DeregisterBody(List<string?>? RuntimeIds);

    public sealed record HeartbeatBody(string? RuntimeId);

    [HttpPost("register")]
    public async Task<IActionResult> Register([FromBody] RegisterBody body, CancellationToken ct) =>
        Ok(await Mediator.Send(new RegisterDaemonCommand(
            (body.WorkspaceId ?? "").Trim(),
            (body.DaemonId ?? "").Trim(),
            (body.LegacyDaemonIds ?? []).Select(l => l ?? "").ToList(),
            (body.DeviceName ?? "").Trim(),
            body.CliVersion ?? "",
            body.LaunchedBy ?? "",
            (body.Runtimes ?? []).Select(r => new RegisterRuntimeItem(r?.Name, r?.Type, r?.Version, r?.Status)).ToList(),
            body.FailedProfiles is { Count: > 0 }), ct));

    [HttpPost("deregister")]
    public async Task<IActionResult> Deregister([FromBody] DeregisterBody body, CancellationToken ct) =>
        Ok(await Mediator.Send(new DeregisterDaemonCommand((body.RuntimeIds ?? []).Select(id => id ?? "").ToList()), ct));

    [HttpPost("heartbeat")]
    public async Task<IActionResult> Heartbeat([FromBody] HeartbeatBody body, CancellationToken ct)
    {
        var response = await Mediator.Send(new HeartbeatCommand(body.RuntimeId ?? ""), ct);
        MulticaMetrics.Heartbeats.Add(1, MulticaMetrics.Tags.Http);
        // Nothing pending (most heartbeats): only "status" is set, and its bytes are built once.
        return response.Count == 1 ? PrebuiltJsonResult.StatusOk : Ok(response);
    }
}
