using System.Text.Json;
using Multica.Application.Common;
using Multica.Domain.Entities;

namespace Multica.Application.Users;

public sealed record UserDto(
    Guid Id,
    string Name,
    string Email,
    string? AvatarUrl,
    DateTime? OnboardedAt,
    JsonElement OnboardingQuestionnaire,
    string? StarterContentState,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static UserDto From(User u) => new(u.Id, u.Name, u.Email, u.AvatarUrl, u.OnboardedAt,
        JsonText.Parse(u.OnboardingQuestionnaire, "{}"), u.StarterContentState, u.CreatedAt, u.UpdatedAt);
}
