using Microsoft.EntityFrameworkCore;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Repositories;

public sealed class UserRepository(MulticaDbContext db) : IUserRepository
{
    public Task<User?> FindByIdAsync(Guid id, CancellationToken ct) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);

    public Task<User?> FindByEmailAsync(string email, CancellationToken ct) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == email, ct);

    public async Task<User> CreateOrGetAsync(User user, CancellationToken ct)
    {
        db.Users.Add(user);
        try
        {
            await db.SaveRecoverableAsync(ct);
            return user;
        }
        catch (DbUpdateException ex) when (PostgresErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return await FindByEmailAsync(user.Email, ct) ?? throw new InvalidOperationException("user vanished", ex);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public Task UpdateProfileAsync(Guid id, string? name, string? avatarUrl, DateTime now, CancellationToken ct) =>
        db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Name, u => name ?? u.Name)
            .SetProperty(u => u.AvatarUrl, u => avatarUrl ?? u.AvatarUrl)
            .SetProperty(u => u.UpdatedAt, now), ct);

    public Task DeleteAsync(Guid id, CancellationToken ct) =>
        db.Users.Where(u => u.Id == id).ExecuteDeleteAsync(ct);

    public async Task<IReadOnlyList<User>> ListByEmailDomainAsync(string domainSuffix, DateTime createdBefore, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Email.EndsWith(domainSuffix) && u.CreatedAt < createdBefore).ToListAsync(ct);
}
