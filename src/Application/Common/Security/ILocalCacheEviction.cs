namespace Multica.Application.Common.Security;

/// <summary>
/// A node-local cache (or anything node-local keyed by a credential or a membership, such as open sockets)
/// that must drop its entry when an eviction arrives. Register each implementation as a singleton
/// <see cref="ILocalCacheEviction"/>; the broadcast calls all of them on every node.
/// </summary>
public interface ILocalCacheEviction
{
    void Evict(CacheEviction eviction);
}
