using System.Text.Json;
using Multica.Application.Common.Interfaces;
using Multica.WebApi.Realtime.Frames;

namespace Multica.WebApi.Realtime;

/// <summary>Replies to client frames on /ws: ping, subscribe, unsubscribe; anything else is ignored.</summary>
public static class RealtimeFrames
{
    public static async Task<string?> ReplyAsync(string text, RealtimeConnection connection, IAccessRepository access, CancellationToken ct)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(text);
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeEl) || typeEl.ValueKind != JsonValueKind.String)
            return null;

        var type = typeEl.GetString();
        if (type == "ping")
            return """{"type":"pong"}""";
        if (type is not ("subscribe" or "unsubscribe"))
            return null;

        string? scope = null, id = null;
        if (root.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object)
        {
            scope = payload.TryGetProperty("scope", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            id = payload.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        }
        if (string.IsNullOrEmpty(scope) || string.IsNullOrEmpty(id))
            return Reply(type + "_error", scope, id, "invalid payload");

        var room = $"{scope}:{id}";
        if (type == "unsubscribe")
        {
            connection.Rooms.TryRemove(room, out _);
            return Reply("unsubscribe_ack", scope, id, null);
        }

        var error = await CheckSubscribeAsync(scope, id, connection, access, ct);
        if (error is not null)
            return Reply("subscribe_error", scope, id, error);
        connection.Rooms.TryAdd(room, 0);
        return Reply("subscribe_ack", scope, id, null);
    }

    private static async Task<string?> CheckSubscribeAsync(string scope, string id, RealtimeConnection connection,
        IAccessRepository access, CancellationToken ct)
    {
        switch (scope)
        {
            case "workspace":
                return Guid.TryParse(id, out var w) && w == connection.WorkspaceId ? null : "forbidden";
            case "user":
                return Guid.TryParse(id, out var u) && u == connection.UserId ? null : "forbidden";
            case "task":
            {
                if (!Guid.TryParse(id, out var taskId))
                    return "forbidden";
                var found = await access.FindTaskWithWorkspaceAsync(taskId, ct);
                if (found is null || found.Value.WorkspaceId != connection.WorkspaceId)
                    return "forbidden";
                var task = found.Value.Task;
                if (task.IssueId is not null)
                    return null;
                if (task.ChatSessionId is { } chatId)
                    return await ChatAllowedAsync(chatId, connection, access, ct) ? null : "forbidden";
                return "forbidden";
            }
            case "chat":
                return Guid.TryParse(id, out var chat) && await ChatAllowedAsync(chat, connection, access, ct) ? null : "forbidden";
            default:
                return "unknown_scope";
        }
    }

    private static async Task<bool> ChatAllowedAsync(Guid chatSessionId, RealtimeConnection connection, IAccessRepository access, CancellationToken ct)
    {
        var owner = await access.FindChatSessionOwnerAsync(chatSessionId, ct);
        return owner is { } o && o.WorkspaceId == connection.WorkspaceId && o.CreatorId == connection.UserId;
    }

    private static string Reply(string type, string? scope, string? id, string? error) =>
        JsonSerializer.Serialize(new SubscriptionReplyFrame(type, new SubscriptionReplyPayload(scope ?? "", id ?? "", error)));
}
