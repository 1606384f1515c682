using Multica.Application.Common.Realtime;
using Multica.Application.DaemonProtocol.Socket;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Multica.Application.Common.Interfaces;

namespace Multica.Infrastructure.DaemonSocket;

/// <summary>
/// Turns workspace and membership events into daemon:workspaces_changed, so a daemon re-syncs its
/// workspace list at once instead of at its next 30-minute poll (the ETag makes that cheap). Every node sees
/// every event (relayed ones included), so each one pushes only to the daemon sockets it holds.
/// </summary>
public sealed class WorkspaceChangeNotifier(IEventSubscriber events, LocalDaemonHub push) : IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(OnEvent);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void OnEvent(RealtimeEvent evt)
    {
        if (evt.Type is not (EventTypes.WorkspaceUpdated or EventTypes.WorkspaceDeleted or EventTypes.MemberAdded or EventTypes.MemberUpdated or EventTypes.MemberRemoved))
            return;
        if (evt.WorkspaceId is { } workspaceId)
            push.WorkspacesChangedForWorkspace(workspaceId);
        if (evt.UserId is { } target)
            push.WorkspacesChangedForUser(target);
        if (evt.Type.StartsWith("member:", StringComparison.Ordinal) && MemberUserId(evt.Payload) is { } memberUser)
            push.WorkspacesChangedForUser(memberUser);
    }

    /// <summary>The affected user of a member event: payload.member.user_id or payload.user_id.</summary>
    private static Guid? MemberUserId(object payload)
    {
        try
        {
            var json = payload as JsonElement? ?? JsonSerializer.SerializeToElement(payload, payload.GetType(), Json);
            if (json.ValueKind != JsonValueKind.Object)
                return null;
            var source = json.TryGetProperty("member", out var member) && member.ValueKind == JsonValueKind.Object ? member : json;
            return source.TryGetProperty("user_id", out var id) && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var g)
                ? g
                : null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
