using System.Text.Json.Serialization;

namespace Multica.Application.DaemonTokens;

public sealed record DaemonTokenDto(Guid Id, Guid WorkspaceId, string DaemonId, string TokenPrefix, DateTime ExpiresAt, DateTime CreatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }
}
