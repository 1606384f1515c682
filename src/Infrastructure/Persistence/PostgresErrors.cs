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
