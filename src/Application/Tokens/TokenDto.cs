using System.Text.Json.Serialization;

namespace Multica.Application.Tokens;

public sealed record TokenDto(Guid Id, string Name, string TokenPrefix, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime CreatedAt)
{
    /// <summary>The full token: present only in the creation response.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }
}
