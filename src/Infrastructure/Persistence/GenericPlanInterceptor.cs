using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Multica.Infrastructure.Persistence;

/// <summary>
/// The one way a statement opts into its generic plan: an EF Core query tagged
/// <c>.TagWith(GenericPlanInterceptor.Tag)</c>, or a hand-written statement starting with <see cref="TagLine"/>
/// (through RawSql). Inside a transaction its command gets <see cref="RawSql.GenericPlans"/> (SET LOCAL) in front;
/// outside one it is sent between <see cref="RawSql.GenericPlansForStatement"/> and <see cref="RawSql.PlanModeReset"/>
/// in the same command, so no transaction (and no COMMIT round trip) is needed for the setting. The statements of
/// one command run in one implicit transaction (a single Sync): when the statement fails, that transaction aborts
/// and the SET is rolled back with it, so the session is back on its own plan mode either way. Only for queries
/// whose plan depends on no parameter's value, such as primary-key lookups (docs/daemon-protocol.md, "Plans").
/// </summary>
public sealed class GenericPlanInterceptor : DbCommandInterceptor
{
    public const string Tag = "generic plan";
    public static readonly GenericPlanInterceptor Instance = new();
    private const string TagComment = "-- " + Tag;
    /// <summary>The tag as EF Core writes it at the top of a command; hand-written statements start with it.</summary>
    public const string TagLine = TagComment + "\n";

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        command.CommandText = WithPlanMode(command.CommandText, command.Transaction is not null);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        command.CommandText = WithPlanMode(command.CommandText, command.Transaction is not null);
        return ValueTask.FromResult(result);
    }

    /// <summary>The command text to send: a tagged statement behind the generic-plan setting (and, outside a transaction, its reset).</summary>
    public static string WithPlanMode(string commandText, bool inTransaction)
    {
        if (!commandText.StartsWith(TagComment, StringComparison.Ordinal))
            return commandText;
        return inTransaction
            ? RawSql.GenericPlans + commandText
            : RawSql.GenericPlansForStatement + commandText.TrimEnd().TrimEnd(';').TrimEnd() + RawSql.PlanModeReset;
    }
}
