using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multica.Application.Common;
using Multica.Application.Common.Security;
using Multica.Infrastructure.Persistence;

namespace Multica.Infrastructure.Auth;

/// <summary>
/// Hashed-credential look-ups with a short in-process cache, so the heartbeat and claim paths do not
/// query the database for auth on every call. Only positive results are cached; revocation on this
/// node invalidates at once (and tells the watchers of that credential), on other nodes within the TTL.
/// </summary>
public sealed class CredentialStore(
    IServiceScopeFactory scopes,
    IMemoryCache cache,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<CredentialStore> logger) : ICredentialStore
{
    private static readonly TimeSpan LastUsedThrottle = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, DateTime> _lastUsedWrites = new();
    private readonly Dictionary<string, List<Action>> _watchers = new(StringComparer.Ordinal);

    private TimeSpan Ttl => TimeSpan.FromSeconds(Math.Max(0, options.Value.CacheTtlSeconds));
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public ValueTask<PatCredential?> FindPersonalAccessTokenAsync(string tokenHash, CancellationToken ct) =>
        CachedAsync("pat:" + tokenHash, db => db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.TokenHash == tokenHash && !t.Revoked && (t.ExpiresAt == null || t.ExpiresAt > Now))
            .Select(t => new PatCredential(t.Id, t.UserId, t.ExpiresAt))
            .FirstOrDefaultAsync(ct), ct);

    public ValueTask<DaemonCredential?> FindDaemonTokenAsync(string tokenHash, CancellationToken ct) =>
        CachedAsync("mdt:" + tokenHash, db => db.DaemonTokens.AsNoTracking()
            .Where(t => t.TokenHash == tokenHash && t.ExpiresAt > Now)
            .Select(t => new DaemonCredential(t.Id, t.WorkspaceId, t.DaemonId, t.ExpiresAt))
            .FirstOrDefaultAsync(ct), ct);

    public ValueTask<TaskCredential?> FindTaskTokenAsync(string tokenHash, CancellationToken ct) =>
        CachedAsync("mat:" + tokenHash, db => db.TaskTokens.AsNoTracking()
            .Where(t => t.TokenHash == tokenHash && t.ExpiresAt > Now)
            .Select(t => new TaskCredential(t.Id, t.TaskId, t.AgentId, t.WorkspaceId, t.UserId, t.ExpiresAt))
            .FirstOrDefaultAsync(ct), ct);

    public void RecordPersonalAccessTokenUse(Guid tokenId)
    {
        var now = Now;
        if (_lastUsedWrites.TryGetValue(tokenId, out var last) && now - last < LastUsedThrottle)
            return;
        _lastUsedWrites[tokenId] = now;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
                await db.PersonalAccessTokens.Where(t => t.Id == tokenId)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now));
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "last_used_at update failed for token {TokenId}", tokenId);
            }
        });
    }

    public void Invalidate(string tokenHash)
    {
        cache.Remove("pat:" + tokenHash);
        cache.Remove("mdt:" + tokenHash);
        cache.Remove("mat:" + tokenHash);
        Action[] watchers;
        lock (_watchers)
            watchers = _watchers.TryGetValue(tokenHash, out var list) ? list.ToArray() : [];
        foreach (var watcher in watchers)
        {
            try
            {
                watcher();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "credential invalidation watcher failed");
            }
        }
    }

    public IDisposable WatchInvalidation(string tokenHash, Action onInvalidated)
    {
        lock (_watchers)
        {
            if (!_watchers.TryGetValue(tokenHash, out var list))
                _watchers[tokenHash] = list = [];
            list.Add(onInvalidated);
        }
        return new Unwatch(this, tokenHash, onInvalidated);
    }

    private sealed class Unwatch(CredentialStore store, string tokenHash, Action watcher) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            lock (store._watchers)
            {
                if (store._watchers.TryGetValue(tokenHash, out var list) && list.Remove(watcher) && list.Count == 0)
                    store._watchers.Remove(tokenHash);
            }
        }
    }

    private async ValueTask<T?> CachedAsync<T>(string key, Func<MulticaDbContext, Task<T?>> load, CancellationToken ct)
        where T : class
    {
        if (cache.TryGetValue(key, out T? hit))
            return hit;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();
        var value = await load(db);
        if (value is not null && Ttl > TimeSpan.Zero)
            cache.Set(key, value, Ttl);
        return value;
    }
}
