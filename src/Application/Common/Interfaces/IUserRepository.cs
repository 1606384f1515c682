using Multica.Domain.Entities;

namespace Multica.Application.Common.Interfaces;

public interface IUserRepository
{
    Task<User?> FindByIdAsync(Guid id, CancellationToken ct);
    Task<User?> FindByEmailAsync(string email, CancellationToken ct);
    /// <summary>Inserts the user, or returns the existing row when the email is taken (concurrent sign-ins).</summary>
    Task<User> CreateOrGetAsync(User user, CancellationToken ct);
    Task UpdateProfileAsync(Guid id, string? name, string? avatarUrl, DateTime now, CancellationToken ct);
}
