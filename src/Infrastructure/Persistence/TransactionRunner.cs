using Microsoft.EntityFrameworkCore;
using Multica.Application.Common.Interfaces;

namespace Multica.Infrastructure.Persistence;

/// <summary>
/// One transaction per scope: a nested <see cref="RunAsync{T}"/> joins the open one, and only the outermost
/// commits. Work queued with <see cref="AfterCommitAsync"/> runs after that commit and is dropped on rollback
/// (also when the execution strategy starts an attempt over). The database context is taken from the scope when a
/// transaction starts (<see cref="Application.Common.ScopedLazy{T}"/>): a request that only publishes events after
/// commit, such as a heartbeat, does not rent one (docs/benchmarks.md, twelfth stop).
/// </summary>
public sealed class TransactionRunner(Lazy<MulticaDbContext> db) : ITransactionRunner
{
    private MulticaDbContext Db => db.Value;

    private readonly Queue<Func<CancellationToken, Task>> _afterCommit = new();
    private bool _owningTransaction;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (Db.Database.CurrentTransaction is not null)
            return await work(ct);
        var strategy = Db.Database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(async token =>
        {
            _afterCommit.Clear();
            await using var tx = await Db.Database.BeginTransactionAsync(token);
            _owningTransaction = true;
            // No savepoint around each SaveChanges (two round trips each): a failed save fails the whole
            // transaction anyway. The few saves that catch a refusal and go on make their own
            // (PostgresErrors.SaveRecoverableAsync).
            Db.Database.AutoSavepointsEnabled = false;
            try
            {
                var value = await work(token);
                await tx.CommitAsync(token);
                return value;
            }
            catch
            {
                Db.ChangeTracker.Clear();
                _afterCommit.Clear();
                // The rollback takes back any plan-mode setting made in the transaction (GenericPlanInterceptor).
                SessionPlanModes.Forget(Db.Database.GetDbConnection());
                throw;
            }
            finally
            {
                _owningTransaction = false;
                Db.Database.AutoSavepointsEnabled = true;
            }
        }, ct);
        while (_afterCommit.TryDequeue(out var next))
            await next(ct);
        return result;
    }

    public Task AfterCommitAsync(Func<CancellationToken, Task> work, CancellationToken ct)
    {
        // A transaction this runner did not open has no commit hook here: run now, as without a transaction.
        if (!_owningTransaction || Db.Database.CurrentTransaction is null)
            return work(ct);
        _afterCommit.Enqueue(work);
        return Task.CompletedTask;
    }

    public void AfterCommit(Action work)
    {
        if (!_owningTransaction || Db.Database.CurrentTransaction is null)
        {
            work();
            return;
        }
        _afterCommit.Enqueue(_ =>
        {
            work();
            return Task.CompletedTask;
        });
    }
}
