using Multica.Application.DaemonTokens;
using Multica.Domain.Entities;

namespace Multica.Application.Tokens;

/// <summary>Entity → DTO for credentials: the secret hash never leaves; the plain token is added only on creation.</summary>
public static class TokenMapper
{
    public static TokenDto ToDto(PersonalAccessToken token) =>
        new(token.Id, token.Name, token.TokenPrefix, token.ExpiresAt, token.LastUsedAt, token.CreatedAt);

    public static DaemonTokenDto ToDto(DaemonToken token) =>
        new(token.Id, token.WorkspaceId, token.DaemonId, token.TokenPrefix, token.ExpiresAt, token.CreatedAt);
}
