using Microsoft.Extensions.DependencyInjection;

namespace Multica.Infrastructure.Persistence;

/// <summary>
/// The request scope's <see cref="MulticaDbContext"/>, rented from the pool the first time <see cref="Value"/> is read
/// rather than when the depending service is built. For services on paths that are usually answered from memory (the
/// access checks): renting and returning a pooled context costs CPU on every request that resolves one, used or not.
/// It is the same instance the scope's other services get, so transactions and connections are shared as before.
/// </summary>
public sealed class ScopedDbContext(IServiceProvider scope)
{
    private MulticaDbContext? _db;

    public MulticaDbContext Value => _db ??= scope.GetRequiredService<MulticaDbContext>();
}
