namespace Multica.Application.Common.Security;

public sealed record PatCredential(Guid TokenId, Guid UserId, DateTime? ExpiresAt);
public sealed record DaemonCredential(Guid TokenId, Guid WorkspaceId, string DaemonId, DateTime ExpiresAt);
public sealed record TaskCredential(Guid TokenId, Guid TaskId, Guid AgentId, Guid WorkspaceId, Guid UserId, DateTime ExpiresAt);

/// <summary>
/// Look-ups of hashed credentials. Implementations may cache briefly (the hot paths authenticate on
/// every call); callers re-check expiry, and revocation invalidates the entry.
/// </summary>
public interface ICredentialStore
{
    ValueTask<PatCredential?> FindPersonalAccessTokenAsync(string tokenHash, CancellationToken ct);
    ValueTask<DaemonCredential?> FindDaemonTokenAsync(string tokenHash, CancellationToken ct);
    ValueTask<TaskCredential?> FindTaskTokenAsync(string tokenHash, CancellationToken ct);
    /// <summary>Best-effort, non-blocking last_used_at update (throttled).</summary>
    void RecordPersonalAccessTokenUse(Guid tokenId);
    /// <summary>
    /// The one place a credential change reaches this node: drops the cached entry and notifies every watcher of
    /// the hash (revocation, deletion, replacement and renewal all come through here). A cross-node invalidation
    /// message is applied by calling this on the receiving node, so its watchers hear it too.
    /// </summary>
    void Invalidate(string tokenHash);

    /// <summary>
    /// Calls <paramref name="onInvalidated"/> whenever <see cref="Invalidate"/> runs for the hash, until disposed.
    /// Long-lived connections (the daemon socket) use it to re-check the credential they authenticated with.
    /// </summary>
    IDisposable WatchInvalidation(string tokenHash, Action onInvalidated);
}

