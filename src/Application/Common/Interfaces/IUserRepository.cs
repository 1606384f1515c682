using Multica.Domain.Entities;

namespace Multica.Application.Common.Interfaces;

public interface IUserRepository
{
    Task<User?> FindByIdAsync(Guid id, CancellationToken ct);
    Task<User?> FindByEmailAsync(string email, CancellationToken ct);
    /// <summary>Inserts the user, or returns the existing row when the email is taken (concurrent sign-ins).</summary>
    Task<User> CreateOrGetAsync(User user, CancellationToken ct);
    Task UpdateProfileAsync(Guid id, string? name, string? avatarUrl, DateTime now, CancellationToken ct);
    /// <summary>
    /// Deletes the user with their memberships, tokens and pins (the start-up warm-up's account, docs/operations.md,
    /// "Warm-up at start"); a user who still owns agents or runtimes is refused by the database.
    /// </summary>
    Task DeleteAsync(Guid id, CancellationToken ct);
    /// <summary>Users whose email ends with <paramref name="domainSuffix"/>, created before <paramref name="createdBefore"/>.</summary>
    Task<IReadOnlyList<User>> ListByEmailDomainAsync(string domainSuffix, DateTime createdBefore, CancellationToken ct);
}
