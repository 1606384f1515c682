using Microsoft.Extensions.Caching.Memory;
using Multica.Application.Common.Security;
using Multica.Infrastructure.Auth;
using Multica.Infrastructure.Persistence.Repositories;

namespace Multica.Infrastructure.Cluster;

/// <summary>Drops a credential from this node's credential cache.</summary>
public sealed class CredentialCacheEviction(CredentialStore store) : ILocalCacheEviction
{
    public void Evict(CacheEviction eviction)
    {
        if (eviction is { Kind: CacheEvictionKind.Credential, TokenHash: { } hash })
            store.Invalidate(hash);
    }
}

/// <summary>Drops a membership from this node's access cache.</summary>
public sealed class MembershipCacheEviction(IMemoryCache cache) : ILocalCacheEviction
{
    public void Evict(CacheEviction eviction)
    {
        if (eviction is { Kind: CacheEvictionKind.Member, WorkspaceId: { } workspace, UserId: { } user })
            AccessRepository.InvalidateMembership(cache, user, workspace);
    }
}
