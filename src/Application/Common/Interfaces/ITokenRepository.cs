using Multica.Domain.Entities;

namespace Multica.Application.Common.Interfaces;

public interface ITokenRepository
{
    Task AddPersonalAccessTokenAsync(PersonalAccessToken token, CancellationToken ct);
    Task<IReadOnlyList<PersonalAccessToken>> ListPersonalAccessTokensAsync(Guid userId, CancellationToken ct);
    /// <summary>Revokes the token if it belongs to the user; returns its hash when something changed.</summary>
    Task<string?> RevokePersonalAccessTokenAsync(Guid userId, Guid tokenId, CancellationToken ct);
    Task<PersonalAccessToken?> FindPersonalAccessTokenAsync(Guid tokenId, CancellationToken ct);
    Task UpdatePersonalAccessTokenExpiryAsync(Guid tokenId, DateTime? expiresAt, CancellationToken ct);

    /// <summary>Inserts a daemon token after deleting older tokens of the same (workspace, daemon id).</summary>
    Task<IReadOnlyList<string>> ReplaceDaemonTokenAsync(DaemonToken token, CancellationToken ct);
    Task<IReadOnlyList<DaemonToken>> ListDaemonTokensAsync(Guid workspaceId, CancellationToken ct);
    /// <summary>Deletes the token of that workspace; returns its hash, or null when none matched.</summary>
    Task<string?> DeleteDaemonTokenAsync(Guid workspaceId, Guid tokenId, CancellationToken ct);
}
