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
    /// Saves what <paramref name="db"/> tracks; false when a unique constraint refused it (a name or slug taken).
    /// The tracker is cleared either way, so the context can be used again.
    /// </summary>
    public static async Task<bool> TrySaveUniqueAsync(this DbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
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
