using Microsoft.Extensions.Hosting;
using Multica.Application.Common.Security;

namespace Multica.Infrastructure.Cluster;

/// <summary>
/// Runs an eviction on every <see cref="ILocalCacheEviction"/> of this node and, when Redis is configured,
/// relays it so every other node does the same (within the relay's latency, well under a second).
/// Without Redis there is one node and the local step is all there is.
/// </summary>
public sealed class CacheEvictionBroadcast(IEnumerable<ILocalCacheEviction> locals, RedisRelay? relay = null)
    : ICacheEvictionBroadcast, IHostedService
{
    private readonly ILocalCacheEviction[] _locals = [.. locals];

    public void Broadcast(CacheEviction eviction)
    {
        EvictHere(eviction);
        relay?.Publish(RedisRelay.EvictionsChannel, eviction);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        relay?.Subscribe<CacheEviction>(RedisRelay.EvictionsChannel, EvictHere);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void EvictHere(CacheEviction eviction)
    {
        foreach (var local in _locals)
            local.Evict(eviction);
    }
}

/// <summary>
/// The credential cache as seen by the use cases: look-ups go to the node's cache, and
/// <see cref="ICredentialStore.Invalidate"/> (revocation, renewal, a finished task's <c>mat_</c> token)
/// becomes a cluster-wide eviction.
/// </summary>
public sealed class BroadcastingCredentialStore(Auth.CredentialStore inner, ICacheEvictionBroadcast broadcast) : ICredentialStore
{
    public ValueTask<PatCredential?> FindPersonalAccessTokenAsync(string tokenHash, CancellationToken ct) => inner.FindPersonalAccessTokenAsync(tokenHash, ct);
    public ValueTask<DaemonCredential?> FindDaemonTokenAsync(string tokenHash, CancellationToken ct) => inner.FindDaemonTokenAsync(tokenHash, ct);
    public ValueTask<TaskCredential?> FindTaskTokenAsync(string tokenHash, CancellationToken ct) => inner.FindTaskTokenAsync(tokenHash, ct);
    public void RecordPersonalAccessTokenUse(Guid tokenId) => inner.RecordPersonalAccessTokenUse(tokenId);
    public void Invalidate(string tokenHash) => broadcast.Broadcast(CacheEviction.Credential(tokenHash));
    public IDisposable WatchInvalidation(string tokenHash, Action onInvalidated) => inner.WatchInvalidation(tokenHash, onInvalidated);
}
