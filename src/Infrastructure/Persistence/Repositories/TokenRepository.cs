using Microsoft.EntityFrameworkCore;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class TokenRepository(MulticaDbContext db) : ITokenRepository
{
    public async Task AddPersonalAccessTokenAsync(PersonalAccessToken token, CancellationToken ct)
    {
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    public async Task<IReadOnlyList<PersonalAccessToken>> ListPersonalAccessTokensAsync(Guid userId, CancellationToken ct) =>
        await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId && !t.Revoked)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(ct);

    public async Task<string?> RevokePersonalAccessTokenAsync(Guid userId, Guid tokenId, CancellationToken ct)
    {
        var hash = await db.PersonalAccessTokens.Where(t => t.Id == tokenId && t.UserId == userId)
            .Select(t => t.TokenHash).FirstOrDefaultAsync(ct);
        if (hash is null)
            return null;
        await db.PersonalAccessTokens.Where(t => t.Id == tokenId && t.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Revoked, true), ct);
        return hash;
    }

    public Task<PersonalAccessToken?> FindPersonalAccessTokenAsync(Guid tokenId, CancellationToken ct) =>
        db.PersonalAccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tokenId, ct);

    public Task UpdatePersonalAccessTokenExpiryAsync(Guid tokenId, DateTime? expiresAt, CancellationToken ct) =>
        db.PersonalAccessTokens.Where(t => t.Id == tokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, expiresAt), ct);

    public async Task<IReadOnlyList<string>> ReplaceDaemonTokenAsync(DaemonToken token, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var old = db.DaemonTokens.Where(t => t.WorkspaceId == token.WorkspaceId && t.DaemonId == token.DaemonId);
        var oldHashes = await old.Select(t => t.TokenHash).ToListAsync(ct);
        await old.ExecuteDeleteAsync(ct);
        db.DaemonTokens.Add(token);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return oldHashes;
    }

    public async Task<IReadOnlyList<DaemonToken>> ListDaemonTokensAsync(Guid workspaceId, CancellationToken ct) =>
        await db.DaemonTokens.AsNoTracking().Where(t => t.WorkspaceId == workspaceId)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(ct);

    public async Task<string?> DeleteDaemonTokenAsync(Guid workspaceId, Guid tokenId, CancellationToken ct)
    {
        var hash = await db.DaemonTokens.Where(t => t.Id == tokenId && t.WorkspaceId == workspaceId)
            .Select(t => t.TokenHash).FirstOrDefaultAsync(ct);
        if (hash is not null)
            await db.DaemonTokens.Where(t => t.Id == tokenId).ExecuteDeleteAsync(ct);
        return hash;
    }
}
