using Multica.Application.DaemonProtocol.Socket;
using Microsoft.AspNetCore.Mvc;
using Multica.Application.Common.Security;
using Multica.WebApi.DaemonSocket;

namespace Multica.WebApi.Controllers;

/// <summary>
/// GET /api/daemon/ws — the daemon WebSocket. The daemon-auth middleware has already authenticated the
/// upgrade request from its Authorization header; the handshake checks run before the upgrade so
/// their errors are ordinary JSON responses.
/// </summary>
public sealed class DaemonSocketController(
    IDaemonConnectionRegistry registry, ICredentialStore credentials, Authenticator authenticator, TimeProvider time,
    IServiceScopeFactory scopes, ILogger<DaemonSocketController> logger)
    : ApiControllerBase
{
    [HttpGet("api/daemon/ws")]
    public async Task<IActionResult> Connect(CancellationToken ct)
    {
        var scope = await Mediator.Send(new OpenDaemonSocketQuery(RuntimeIdsFromQuery()), ct);
        if (!HttpContext.WebSockets.IsWebSocketRequest)
            return BadRequest(new Multica.WebApi.OpenApi.ErrorBody("websocket upgrade required"));

        var callerContext = HttpContext.RequestServices.GetRequiredService<ICallerContext>();
        using var socket = await HttpContext.WebSockets.AcceptWebSocketAsync();
        var session = new DaemonSocketSession(socket, scope, callerContext.Caller, callerContext.Client, authenticator, time, scopes, logger);
        using (registry.Register(session))
        using (session.WatchCredential(credentials))
            await session.RunAsync(ct);
        return new EmptyResult();
    }

    /// <summary>runtime_ids=a,b (the daemon's form), plus repeated runtime_id / runtime_ids parameters.</summary>
    private List<string> RuntimeIdsFromQuery() =>
        Request.Query["runtime_ids"].Concat(Request.Query["runtime_id"])
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct()
            .ToList();
}
