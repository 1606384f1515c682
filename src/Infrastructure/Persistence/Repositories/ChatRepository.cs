using Microsoft.EntityFrameworkCore;
using Multica.Application.Chat;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class ChatRepository(MulticaDbContext db) : IChatRepository
{
    public Task AddSessionAsync(ChatSession session, CancellationToken ct) => AddAsync(session, ct);

    public Task<ChatSession?> FindSessionAsync(Guid workspaceId, Guid sessionId, CancellationToken ct) =>
        db.ChatSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId && s.WorkspaceId == workspaceId, ct);

    public async Task<IReadOnlyList<ChatSession>> ListSessionsAsync(Guid workspaceId, Guid creatorId, bool includeArchived, CancellationToken ct) =>
        await db.ChatSessions.AsNoTracking()
            .Where(s => s.WorkspaceId == workspaceId && s.CreatorId == creatorId && (includeArchived || s.Status == ChatSessionStatus.Active))
            .OrderByDescending(s => s.UpdatedAt).ThenByDescending(s => s.CreatedAt)
            .ToListAsync(ct);

    public Task SetStatusAsync(Guid sessionId, string status, DateTime now, CancellationToken ct) =>
        db.ChatSessions.Where(s => s.Id == sessionId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, status).SetProperty(x => x.UpdatedAt, now), ct);

    public Task TouchAsync(Guid sessionId, DateTime now, CancellationToken ct) =>
        db.ChatSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, now), ct);

    public Task ClearUnreadAsync(Guid sessionId, CancellationToken ct) =>
        db.ChatSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.UnreadSince, (DateTime?)null), ct);

    public Task AddMessageAsync(ChatMessage message, CancellationToken ct) => AddAsync(message, ct);

    public async Task<IReadOnlyList<ChatMessage>> ListMessagesAsync(Guid sessionId, CancellationToken ct) =>
        await db.ChatMessages.AsNoTracking().Where(m => m.ChatSessionId == sessionId)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);

    private async Task AddAsync<T>(T entity, CancellationToken ct) where T : class
    {
        db.Add(entity);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
