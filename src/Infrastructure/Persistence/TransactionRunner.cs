using Microsoft.EntityFrameworkCore;
using Multica.Application.Common.Interfaces;

namespace Multica.Infrastructure.Persistence;

public sealed class TransactionRunner(MulticaDbContext db) : ITransactionRunner
{
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
            return await work(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(token);
            try
            {
                var result = await work(token);
                await tx.CommitAsync(token);
                return result;
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }, ct);
    }
}
