using Multica.Domain.Entities;

namespace Multica.Application.Chat;

public interface IChatRepository
{
    Task AddSessionAsync(ChatSession session, CancellationToken ct);

    /// <summary>The session if it belongs to the workspace.</summary>
    Task<ChatSession?> FindSessionAsync(Guid workspaceId, Guid sessionId, CancellationToken ct);

    /// <summary>The creator's sessions in the workspace, most recently updated first; archived ones only when asked.</summary>
    Task<IReadOnlyList<ChatSession>> ListSessionsAsync(Guid workspaceId, Guid creatorId, bool includeArchived, CancellationToken ct);

    Task SetStatusAsync(Guid sessionId, string status, DateTime now, CancellationToken ct);

    /// <summary>Bumps updated_at (orders the chat list).</summary>
    Task TouchAsync(Guid sessionId, DateTime now, CancellationToken ct);

    Task ClearUnreadAsync(Guid sessionId, CancellationToken ct);

    Task AddMessageAsync(ChatMessage message, CancellationToken ct);

    /// <summary>Messages oldest first.</summary>
    Task<IReadOnlyList<ChatMessage>> ListMessagesAsync(Guid sessionId, CancellationToken ct);
}
