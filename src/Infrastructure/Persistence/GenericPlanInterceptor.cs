using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Multica.Infrastructure.Persistence;

/// <summary>
/// The one way a statement opts into its generic plan: an EF Core query tagged
/// <c>.TagWith(GenericPlanInterceptor.Tag)</c>, or a hand-written statement starting with <see cref="TagLine"/>
/// (through RawSql), that runs inside a transaction gets <see cref="RawSql.GenericPlans"/> in front of its command
/// (same round trip). Outside a transaction the tag does nothing (SET LOCAL
/// would not outlive the statement's own implicit transaction), so the query runs on the session's custom plans.
/// Only for queries whose plan depends on no parameter's value, such as primary-key lookups (docs/daemon-protocol.md,
/// "Plans").
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

    /// <summary>The command text to send: tagged and in a transaction, behind the generic-plan setting.</summary>
    public static string WithPlanMode(string commandText, bool inTransaction) =>
        inTransaction && commandText.StartsWith(TagComment, StringComparison.Ordinal)
            ? RawSql.GenericPlans + commandText
            : commandText;
}
