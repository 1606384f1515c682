using Microsoft.EntityFrameworkCore;
using Multica.Application.Common.Interfaces;

namespace Multica.Infrastructure.Persistence;

/// <summary>
/// One transaction per scope: a nested <see cref="RunAsync{T}"/> joins the open one, and only the outermost
/// commits. Work queued with <see cref="AfterCommitAsync"/> runs after that commit and is dropped on rollback
/// (also when the execution strategy starts an attempt over).
/// </summary>
public sealed class TransactionRunner(MulticaDbContext db) : ITransactionRunner
{
    private readonly Queue<Func<CancellationToken, Task>> _afterCommit = new();
    private bool _owningTransaction;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
            return await work(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(async token =>
        {
            _afterCommit.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(token);
            _owningTransaction = true;
            // No savepoint around each SaveChanges (two round trips each): a failed save fails the whole
            // transaction anyway. The few saves that catch a refusal and go on make their own
            // (PostgresErrors.SaveRecoverableAsync).
            db.Database.AutoSavepointsEnabled = false;
            try
            {
                var value = await work(token);
                await tx.CommitAsync(token);
                return value;
            }
            catch
            {
                db.ChangeTracker.Clear();
                _afterCommit.Clear();
                throw;
            }
            finally
            {
                _owningTransaction = false;
                db.Database.AutoSavepointsEnabled = true;
            }
        }, ct);
        while (_afterCommit.TryDequeue(out var next))
            await next(ct);
        return result;
    }

    public Task AfterCommitAsync(Func<CancellationToken, Task> work, CancellationToken ct)
    {
        // A transaction this runner did not open has no commit hook here: run now, as without a transaction.
        if (!_owningTransaction || db.Database.CurrentTransaction is null)
            return work(ct);
        _afterCommit.Enqueue(work);
        return Task.CompletedTask;
    }

    public void AfterCommit(Action work)
    {
        if (!_owningTransaction || db.Database.CurrentTransaction is null)
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
