using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Multica.Infrastructure.Persistence;

/// <summary>
/// The one way a statement opts into its generic plan: an EF Core query tagged
/// <c>.TagWith(GenericPlanInterceptor.Tag)</c>, or a hand-written statement starting with <see cref="TagLine"/>
/// (through RawSql). Only for queries whose plan depends on no parameter's value, such as primary-key lookups
/// (docs/daemon-protocol.md, "Plans"); every other statement runs on custom plans (Database:ForceCustomPlans).
/// <para>
/// Outside a transaction a tagged statement runs on generic plans and an untagged one on the session's own mode. The
/// setting is the session's, and each pooled session's current one is remembered by its backend process
/// (<see cref="SessionPlanModes"/>): a command gets <see cref="GenericPlansForSession"/> or
/// <see cref="SessionPlans"/> (RESET) in front only when its statement needs the other mode than the session
/// was left in, so a run of tagged statements on one connection pays for one SET, not a SET and a RESET each
/// (docs/benchmarks.md, fourteenth stop).
/// </para>
/// <para>
/// Inside a transaction the rules are those of a transaction-local setting: the transaction's first command puts the
/// session back on its own mode if it was not (a RESET that commits with the transaction), and a tagged statement
/// gets <see cref="RawSql.GenericPlans"/> (SET LOCAL) in front, which holds for the rest of the transaction.
/// </para>
/// A command that fails, or a transaction that rolls back, may have taken its SET back with it: the session's mode is
/// then forgotten and the next command states it. A mistake here can only change which plan a statement gets, never
/// its result.
/// </summary>
public sealed class GenericPlanInterceptor : DbCommandInterceptor
{
    public const string Tag = "generic plan";
    public static readonly GenericPlanInterceptor Instance = new();
    private const string TagComment = "-- " + Tag;
    /// <summary>The tag as EF Core writes it at the top of a command; hand-written statements start with it.</summary>
    public const string TagLine = TagComment + "\n";

    /// <summary>
    /// The session's generic-plan setting, in front of a tagged statement outside a transaction whose session was not
    /// on generic plans already; it stays until a statement that needs the session's own mode comes. The reader skips
    /// its empty result.
    /// </summary>
    private const string GenericPlansForSession = "SET plan_cache_mode = force_generic_plan;\n";

    /// <summary>Back to the mode the session started with (Database:ForceCustomPlans), in front of a statement that needs it.</summary>
    private const string SessionPlans = "RESET plan_cache_mode;\n";

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result) => Prepared(command, eventData, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Prepared(command, eventData, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Prepared(command, eventData, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Prepared(command, eventData, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Prepared(command, eventData, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Prepared(command, eventData, result));

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        SessionPlanModes.Forget(command.Connection);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SessionPlanModes.Forget(command.Connection);
        return Task.CompletedTask;
    }

    public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) =>
        SessionPlanModes.Forget(command.Connection);

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SessionPlanModes.Forget(command.Connection);
        return Task.CompletedTask;
    }

    // SaveChanges batches are left as they are: Npgsql's EF Core provider reads each statement's row count by its
    // position in the command, which a statement in front would shift. They are primary-key writes and inserts, whose
    // plans depend on no value, so they run on whichever mode the session is in; the session's mode is unchanged.
    private static T Prepared<T>(DbCommand command, CommandEventData eventData, T result)
    {
        if (eventData.CommandSource != CommandSource.SaveChanges)
            command.CommandText = WithPlanMode(command.CommandText, command.Connection, command.Transaction is not null);
        return result;
    }

    /// <summary>The command text to send on <paramref name="connection"/>, with the settings its statement needs in front.</summary>
    public static string WithPlanMode(string commandText, DbConnection? connection, bool inTransaction)
    {
        var session = SessionPlanModes.Of(connection);
        var (text, after) = WithPlanMode(commandText, inTransaction, session.Mode);
        if (after != session.Mode)
            SessionPlanModes.Remember(session.ProcessId, after);
        return text;
    }

    /// <summary>
    /// The command text for a session left in <paramref name="session"/> (null: not known), and the session-level
    /// mode it leaves behind once it ran.
    /// </summary>
    public static (string Text, PlanMode? After) WithPlanMode(string commandText, bool inTransaction, PlanMode? session)
    {
        var tagged = commandText.StartsWith(TagComment, StringComparison.Ordinal);
        if (inTransaction)
        {
            var text = tagged ? RawSql.GenericPlans + commandText : commandText;
            return session == PlanMode.SessionDefault ? (text, session) : (SessionPlans + text, PlanMode.SessionDefault);
        }
        var wanted = tagged ? PlanMode.Generic : PlanMode.SessionDefault;
        if (session == wanted)
            return (commandText, session);
        return ((wanted == PlanMode.Generic ? GenericPlansForSession : SessionPlans) + commandText, wanted);
    }
}

/// <summary>A session's <c>plan_cache_mode</c>: generic or custom plans for its prepared statements.</summary>
public enum PlanMode
{
    /// <summary>The mode the session started with (Database:ForceCustomPlans: custom plans).</summary>
    SessionDefault,
    Generic,
}

/// <summary>
/// The plan mode each pooled session was left in, by its backend process id (a pooled connection keeps its session,
/// Database:NoResetOnClose). A session not seen yet, or whose last command failed, is not known. Bounded: when it
/// holds more sessions than a pool could have open, it starts over (every session not known).
/// </summary>
public static class SessionPlanModes
{
    private const int MaxSessions = 4096;
    private static readonly ConcurrentDictionary<int, PlanMode> Modes = new();

    public static (int ProcessId, PlanMode? Mode) Of(DbConnection? connection)
    {
        if (connection is not NpgsqlConnection { State: System.Data.ConnectionState.Open } npgsql)
            return (0, null);
        var pid = npgsql.ProcessID;
        return (pid, Modes.TryGetValue(pid, out var mode) ? mode : null);
    }

    public static void Remember(int processId, PlanMode? mode)
    {
        if (processId == 0)
            return;
        if (mode is not { } known)
        {
            Modes.TryRemove(processId, out _);
            return;
        }
        if (Modes.Count >= MaxSessions)
            Modes.Clear();
        Modes[processId] = known;
    }

    /// <summary>The session's mode is no longer known (its last command failed, or its transaction rolled back).</summary>
    public static void Forget(DbConnection? connection) => Remember(Of(connection).ProcessId, null);
}
