namespace Multica.Application.Common.Security;

/// <summary>
/// "Forget what you cached about this": a credential (by token hash) or a membership (workspace, user).
/// Sent to every node, so a revocation takes effect everywhere at once instead of after the cache TTL.
/// </summary>
public sealed record CacheEviction(CacheEvictionKind Kind, string? TokenHash = null, Guid? WorkspaceId = null, Guid? UserId = null)
{
    public static CacheEviction Credential(string tokenHash) => new(CacheEvictionKind.Credential, TokenHash: tokenHash);
    public static CacheEviction Member(Guid workspaceId, Guid userId) => new(CacheEvictionKind.Member, WorkspaceId: workspaceId, UserId: userId);
}

public enum CacheEvictionKind { Credential, Member }

/// <summary>Sends an eviction to every node, this one included (this node's caches are evicted before it returns).</summary>
public interface ICacheEvictionBroadcast
{
    void Broadcast(CacheEviction eviction);
}
