using Multica.WebApi.OpenApi;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.WebApi.Infrastructure;
using Multica.WebApi.Middleware;

namespace Multica.WebApi.Realtime;

/// <summary>
/// GET /ws — the web app's live channel (docs/realtime.md): workspace from the
/// query, auth from the multica_auth cookie before the upgrade or from a first "auth" frame after it.
/// </summary>
public static class RealtimeEndpoint
{
    private static readonly TimeSpan AuthTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var access = services.GetRequiredService<IAccessRepository>();
        var authenticator = services.GetRequiredService<Authenticator>();
        var ct = context.RequestAborted;

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ErrorResponses.WriteAsync(context, 400, "websocket upgrade required");
            return;
        }
        if (!await OriginAllowedAsync(context))
        {
            await ErrorResponses.WriteAsync(context, 403, "origin not allowed");
            return;
        }

        // Here the id wins over the slug (the reverse of the HTTP rule), as upstream does.
        var workspaceParam = context.Request.Query["workspace_id"].ToString();
        Guid? workspaceId = null;
        if (string.IsNullOrWhiteSpace(workspaceParam))
        {
            var slug = context.Request.Query["workspace_slug"].ToString();
            if (string.IsNullOrWhiteSpace(slug))
            {
                await ErrorResponses.WriteAsync(context, 400, "workspace_id or workspace_slug required");
                return;
            }
            workspaceId = await access.FindWorkspaceIdBySlugAsync(slug.Trim(), ct);
            if (workspaceId is null)
            {
                await ErrorResponses.WriteAsync(context, 404, "workspace not found");
                return;
            }
        }
        else if (Guid.TryParse(workspaceParam, out var parsed))
            workspaceId = parsed;

        Guid? userId = null;
        if (context.Request.Cookies.TryGetValue(AuthenticationMiddleware.AuthCookie, out var cookie) && !string.IsNullOrEmpty(cookie))
        {
            var outcome = await authenticator.AuthenticateUserAsync(cookie, ct);
            if (outcome.Caller?.UserId is null || outcome.Caller.IsTaskToken)
            {
                await ErrorResponses.WriteAsync(context, 401, outcome.Error ?? Authenticator.InvalidToken);
                return;
            }
            if (workspaceId is null || await access.FindMembershipAsync(outcome.Caller.UserId.Value, workspaceId.Value, ct) is null)
            {
                await ErrorResponses.WriteAsync(context, 403, "not a member of this workspace");
                return;
            }
            userId = outcome.Caller.UserId;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var cookieMode = userId is not null;
        if (!cookieMode)
        {
            userId = await AuthenticateFirstFrameAsync(socket, authenticator, access, workspaceId, ct);
            if (userId is null)
                return;
        }

        var hub = services.GetRequiredService<RealtimeHub>();
        var connection = new RealtimeConnection(workspaceId!.Value, userId!.Value);
        connection.Rooms.TryAdd($"workspace:{connection.WorkspaceId}", 0);
        connection.Rooms.TryAdd($"user:{connection.UserId}", 0);
        // Registered before the ack, so every event after "connected" reaches the client; the write
        // loop has not started yet, so the ack goes out first.
        hub.Add(connection);
        try
        {
            if (!cookieMode)
                await SendAsync(socket, """{"type":"auth_ack"}""", ct);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var writer = WriteLoopAsync(socket, connection, stop.Token);
            await ReadLoopAsync(socket, connection, access, stop.Token);
            stop.Cancel();
            await writer;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            hub.Remove(connection);
        }
    }

    private static async Task<Guid?> AuthenticateFirstFrameAsync(WebSocket socket, Authenticator authenticator,
        IAccessRepository access, Guid? workspaceId, CancellationToken ct)
    {
        string? text;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(AuthTimeout);
            text = await ReceiveTextAsync(socket, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            text = null;
        }
        if (text is null)
            return await RefuseAsync(socket, "auth timeout or read error");

        string? token = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object &&
                root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "auth" &&
                root.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object &&
                payload.TryGetProperty("token", out var tok) && tok.ValueKind == JsonValueKind.String)
                token = tok.GetString();
        }
        catch (JsonException)
        {
        }
        if (string.IsNullOrEmpty(token))
            return await RefuseAsync(socket, "expected auth message as first frame");

        var outcome = await authenticator.AuthenticateUserAsync(token, ct);
        if (outcome.Caller?.UserId is null || outcome.Caller.IsTaskToken)
            return await RefuseAsync(socket, outcome.Error ?? Authenticator.InvalidToken);
        if (workspaceId is null || await access.FindMembershipAsync(outcome.Caller.UserId.Value, workspaceId.Value, ct) is null)
            return await RefuseAsync(socket, "not a member of this workspace");
        return outcome.Caller.UserId;
    }

    private static async Task<Guid?> RefuseAsync(WebSocket socket, string error)
    {
        try
        {
            using var timeout = new CancellationTokenSource(WriteTimeout);
            await SendAsync(socket, JsonSerializer.Serialize(new ErrorBody(error), JsonDefaults.Options), timeout.Token);
            await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, error, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        return null;
    }

    private static async Task ReadLoopAsync(WebSocket socket, RealtimeConnection connection, IAccessRepository access, CancellationToken ct)
    {
        while (socket.State == WebSocketState.Open)
        {
            var text = await ReceiveTextAsync(socket, ct);
            if (text is null)
                return;
            var reply = await RealtimeFrames.ReplyAsync(text, connection, access, ct);
            if (reply is not null)
                connection.TryEnqueue(reply); // control replies are dropped when the queue is full
        }
    }

    private static async Task WriteLoopAsync(WebSocket socket, RealtimeConnection connection, CancellationToken ct)
    {
        try
        {
            await foreach (var frame in connection.Outbound.Reader.ReadAllAsync(ct))
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(WriteTimeout);
                await SendAsync(socket, frame, timeout.Token);
            }
            // The queue was closed (eviction): say goodbye.
            if (socket.State == WebSocketState.Open)
                await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "slow consumer", CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }

    // No legitimate client frame is larger.
    private static Task<string?> ReceiveTextAsync(WebSocket socket, CancellationToken ct) => WebSocketText.ReceiveAsync(socket, 64 * 1024, ct);

    private static Task SendAsync(WebSocket socket, string text, CancellationToken ct) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

    /// <summary>
    /// No Origin (non-browser clients) is fine, and so is a page of this server itself (the operator dashboard at
    /// /admin: same host and port); otherwise it must be one of the CORS origins.
    /// </summary>
    private static async Task<bool> OriginAllowedAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
            return true;
        if (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && context.Request.Host.HasValue &&
            string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
            return true;
        var cors = context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider>();
        var policy = await cors.GetPolicyAsync(context, null);
        return policy?.Origins.Contains(origin, StringComparer.Ordinal) == true;
    }
}
