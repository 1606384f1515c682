using System.Text.Json.Serialization;
using Multica.Domain.Entities;

namespace Multica.Application.DaemonTokens;

public sealed record DaemonTokenDto(Guid Id, Guid WorkspaceId, string DaemonId, string TokenPrefix, DateTime ExpiresAt, DateTime CreatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }

    public static DaemonTokenDto From(DaemonToken t) =>
        new(t.Id, t.WorkspaceId, t.DaemonId, t.TokenPrefix, t.ExpiresAt, t.CreatedAt);
}
