using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Multica.Infrastructure.Persistence;

public static class PostgresErrors
{
    public static bool IsUniqueViolation(Exception ex) =>
        Find(ex)?.SqlState == PostgresErrorCodes.UniqueViolation;

    public static bool IsForeignKeyViolation(Exception ex) =>
        Find(ex)?.SqlState == PostgresErrorCodes.ForeignKeyViolation;

    public static string? ConstraintName(Exception ex) => Find(ex)?.ConstraintName;

    /// <summary>
    /// Runs a write whose referenced row may have been deleted since it was checked: false (nothing written) when a
    /// foreign key refused it.
    /// </summary>
    public static async Task<bool> WritesUnlessReferenceGoneAsync(Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (Exception ex) when (IsForeignKeyViolation(ex))
        {
            return false;
        }
    }

    /// <summary>
    /// Saves what <paramref name="db"/> tracks; false when a unique constraint refused it (a name or slug taken).
    /// The tracker is cleared either way, so the context can be used again.
    /// </summary>
    public static async Task<bool> TrySaveUniqueAsync(this DbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveRecoverableAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// SaveChanges for a caller that catches a refusal and goes on: inside a transaction the save gets its own
    /// savepoint, so a refused save leaves the transaction usable (transactions run without automatic savepoints).
    /// </summary>
    public static async Task SaveRecoverableAsync(this DbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not { } tx)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        const string savepoint = "recoverable_save";
        await tx.CreateSavepointAsync(savepoint, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Back to before the save; the caller sees the save's own failure.
            await tx.RollbackToSavepointAsync(savepoint, CancellationToken.None);
            throw;
        }
        await tx.ReleaseSavepointAsync(savepoint, ct);
    }

    private static PostgresException? Find(Exception? ex)
    {
        while (ex is not null)
        {
            if (ex is PostgresException pg)
                return pg;
            ex = ex is DbUpdateException due ? due.InnerException : ex.InnerException;
        }
        return null;
    }
}
