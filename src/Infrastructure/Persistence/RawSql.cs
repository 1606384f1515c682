using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Multica.Infrastructure.Persistence;

/// <summary>
/// Hand-written statements on the context's own connection (and its current transaction, if any),
/// for the few queries EF cannot express well: set-based claims, batch inserts, multi-table reads.
/// </summary>
internal static class RawSql
{
    public static Task<List<T>> QueryAsync<T>(MulticaDbContext db, string sql, IEnumerable<NpgsqlParameter> parameters,
        Func<NpgsqlDataReader, T> map, CancellationToken ct) =>
        RunAsync(db, sql, parameters, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await ReadAllAsync(reader, map, ct);
        }, ct);

    /// <summary>
    /// Rows of an entity's table, each read by the model's column names (<see cref="EntityRows"/>): the hot paths'
    /// hand-written statements that answer whole rows go through here rather than through EF Core's FromSqlRaw, whose
    /// query pipeline (expression tree, cache key, shaper) costs more server CPU than the statement's round trip, and
    /// which does not prepare the statement (docs/benchmarks.md, "EF Core's query pipeline off the hot paths").
    /// </summary>
    public static Task<List<T>> EntitiesAsync<T>(MulticaDbContext db, string sql, IEnumerable<NpgsqlParameter> parameters,
        CancellationToken ct) where T : new() =>
        QueryAsync(db, sql, parameters, reader => EntityRows.Read<T>(db, reader), ct);

    /// <summary>
    /// Whole rows of one entity inserted in one statement on a prepared command, as EF Core's <c>SaveChanges</c> would
    /// store them (<see cref="EntityRows.Insert{T}"/>), without its change tracker and batch building
    /// (<see cref="InsertOnGenericPlan"/>).
    /// </summary>
    public static Task InsertAsync<T>(MulticaDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class =>
        InsertAsync<T, T>(db, rows, [], ct);

    /// <summary>Two entities' rows in one command (one round trip, one implicit transaction outside a transaction).</summary>
    public static Task InsertAsync<T1, T2>(MulticaDbContext db, IReadOnlyList<T1> first, IReadOnlyList<T2> second, CancellationToken ct)
        where T1 : class where T2 : class =>
        InsertAsync(db, null, first, second, ct);

    /// <summary>
    /// <paramref name="lead"/> (a statement of its own, if any), then two entities' rows, all in one command; the
    /// lead's parameter names must differ from the rows' (<see cref="EntityRows.Insert{T}"/>'s prefixes <c>a</c> and <c>b</c>).
    /// </summary>
    public static Task InsertAsync<T1, T2>(MulticaDbContext db, (string Sql, NpgsqlParameter[] Parameters)? lead,
        IReadOnlyList<T1> first, IReadOnlyList<T2> second, CancellationToken ct)
        where T1 : class where T2 : class
    {
        var statements = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        if (lead is { } statement)
            Add(([statement.Sql], [.. statement.Parameters]));
        if (first.Count > 0)
            Add(EntityRows.Insert(db, first, "a"));
        if (second.Count > 0)
            Add(EntityRows.Insert(db, second, "b"));
        return statements.Count == 0 ? Task.CompletedTask
            : ExecuteAsync(db, InsertOnGenericPlan(db, OneCommand([.. statements])), parameters, ct);

        void Add((List<string> Statements, List<NpgsqlParameter> Parameters) insert)
        {
            statements.AddRange(insert.Statements);
            parameters.AddRange(insert.Parameters);
        }
    }

    /// <summary>
    /// The row of <typeparamref name="T"/>'s table with this primary key in this workspace, or null: a primary-key
    /// lookup on its generic plan (docs/daemon-protocol.md, "Plans").
    /// </summary>
    public static Task<T?> FindInWorkspaceAsync<T>(MulticaDbContext db, Guid id, Guid workspaceId, CancellationToken ct)
        where T : class, new() =>
        EntityAsync<T>(db, InWorkspace<T>.Sql ??= GenericPlanInterceptor.TagLine +
                $"SELECT * FROM \"{EntityRows.TableName(db, typeof(T))}\" WHERE id = @id AND workspace_id = @workspace",
            [P("id", id), P("workspace", workspaceId)], ct);

    private static class InWorkspace<T>
    {
        public static string? Sql;
    }

    /// <summary>
    /// An insert outside a transaction, tagged for its generic plan: its plan depends on no value, and PostgreSQL plans
    /// the foreign-key checks the insert fires under the same setting (docs/daemon-protocol.md, "Plans"). Inside a
    /// transaction it is left untagged, so it does not switch the rest of that transaction to generic plans; it runs
    /// under whatever the transaction already uses.
    /// </summary>
    public static string InsertOnGenericPlan(MulticaDbContext db, string insert) =>
        db.Database.CurrentTransaction is null ? GenericPlanInterceptor.TagLine + insert : insert;

    /// <summary>The first row of <see cref="EntitiesAsync{T}"/>, or null.</summary>
    public static async Task<T?> EntityAsync<T>(MulticaDbContext db, string sql, IEnumerable<NpgsqlParameter> parameters,
        CancellationToken ct) where T : class, new() =>
        (await EntitiesAsync<T>(db, sql, parameters, ct)).FirstOrDefault();

    /// <summary>
    /// Two queries in one command (one round trip), sharing <paramref name="parameters"/>: the first's rows, then the
    /// second's. A tag on the first puts both on their generic plans.
    /// </summary>
    public static Task<(List<T1> First, List<T2> Second)> QueryTwoAsync<T1, T2>(MulticaDbContext db, string first, string second,
        IEnumerable<NpgsqlParameter> parameters, Func<NpgsqlDataReader, T1> mapFirst, Func<NpgsqlDataReader, T2> mapSecond, CancellationToken ct) =>
        RunAsync(db, OneCommand(first, second), parameters, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            var firstRows = await ReadAllAsync(reader, mapFirst, ct);
            return (firstRows, await ReadNextAsync(reader, mapSecond, ct));
        }, ct);

    /// <summary>Three queries in one command, as <see cref="QueryTwoAsync{T1,T2}"/>.</summary>
    public static Task<(List<T1> First, List<T2> Second, List<T3> Third)> QueryThreeAsync<T1, T2, T3>(MulticaDbContext db,
        string first, string second, string third, IEnumerable<NpgsqlParameter> parameters,
        Func<NpgsqlDataReader, T1> mapFirst, Func<NpgsqlDataReader, T2> mapSecond, Func<NpgsqlDataReader, T3> mapThird,
        CancellationToken ct) =>
        RunAsync(db, OneCommand(first, second, third), parameters, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            var firstRows = await ReadAllAsync(reader, mapFirst, ct);
            var secondRows = await ReadNextAsync(reader, mapSecond, ct);
            return (firstRows, secondRows, await ReadNextAsync(reader, mapThird, ct));
        }, ct);

    /// <summary>
    /// Statements sent in one round trip, each in an implicit transaction of its own (an error barrier after each: one
    /// that fails rolls back only itself, and the ones after it still run); inside a transaction, see
    /// <see cref="OneByOneAsync"/>. Every statement must carry the generic-plan tag (the session's setting goes in front
    /// when it needs one) and answer a result set, even an empty one: <paramref name="read"/> gets the reader positioned
    /// at each statement's, in order, with its index. When a statement fails, the answers of the statements after it are
    /// discarded (they ran): the failure names the first statement whose answer was not read, and whether it is the one
    /// that failed (not known when, say, the connection failed).
    /// </summary>
    public static async Task<EachAloneFailure?> SendEachAloneAsync(MulticaDbContext db,
        IReadOnlyList<(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)> statements,
        Func<int, NpgsqlDataReader, CancellationToken, Task> read, CancellationToken ct)
    {
        if (statements.Any(s => !s.Sql.StartsWith(GenericPlanInterceptor.TagLine, StringComparison.Ordinal)))
            throw new InvalidOperationException("statements sent each alone must carry the generic-plan tag");
        if (db.Database.CurrentTransaction is not null)
            return await OneByOneAsync(db, statements, read, ct);
        var opened = await OpenAsync(db, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var next = 0;
        try
        {
            await using var batch = new NpgsqlBatch(connection) { EnableErrorBarriers = true };
            var first = statements[0].Sql;
            var withMode = GenericPlanInterceptor.WithPlanMode(first, connection, inTransaction: false);
            if (withMode.Length > first.Length)
                batch.BatchCommands.Add(new NpgsqlBatchCommand(withMode[..^first.Length].TrimEnd().TrimEnd(';')));
            foreach (var (sql, parameters) in statements)
            {
                var command = new NpgsqlBatchCommand(sql);
                foreach (var parameter in parameters)
                    command.Parameters.Add(parameter);
                batch.BatchCommands.Add(command);
            }
            await batch.PrepareAsync(ct);
            // The reader meets each statement's outcome in order: an error surfaces where its statement's answer would be.
            await using var reader = await batch.ExecuteReaderAsync(ct);
            for (; next < statements.Count; next++)
            {
                if (next > 0 && !await reader.NextResultAsync(ct))
                    throw new InvalidOperationException("a statement sent alone answered no result set");
                await read(next, reader, ct);
            }
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SessionPlanModes.Forget(connection);
            // Later statements that failed as well come as an AggregateException led by the first failure.
            var fromDatabase = ex is PostgresException || ex is AggregateException { InnerExceptions: [PostgresException, ..] };
            return new EachAloneFailure(ex, next, fromDatabase);
        }
        finally
        {
            if (opened)
                await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// <see cref="SendEachAloneAsync"/> inside a caller's transaction (the finish pipeline runs after commits, so only
    /// if a caller opened one of its own): one statement at a time on that transaction, whose first failure fails it,
    /// and so the statements after it.
    /// </summary>
    private static async Task<EachAloneFailure?> OneByOneAsync(MulticaDbContext db,
        IReadOnlyList<(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)> statements,
        Func<int, NpgsqlDataReader, CancellationToken, Task> read, CancellationToken ct)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            var index = i;
            try
            {
                await RunAsync(db, statements[i].Sql, statements[i].Parameters, async command =>
                {
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    await read(index, reader, ct);
                    return true;
                }, ct);
            }
            catch (PostgresException ex)
            {
                return new EachAloneFailure(ex, index, AtFailed: true);
            }
        }
        return null;
    }

    /// <summary>How <see cref="SendEachAloneAsync"/> failed: no answer was read from statement <paramref name="At"/> on, and
    /// <paramref name="AtFailed"/> says whether that statement is the one that failed (false: not known which did).</summary>
    public sealed record EachAloneFailure(Exception Error, int At, bool AtFailed);

    public static Task<int> ExecuteAsync(MulticaDbContext db, string sql, IEnumerable<NpgsqlParameter> parameters, CancellationToken ct) =>
        RunAsync(db, sql, parameters, command => command.ExecuteNonQueryAsync(ct), ct);

    /// <summary>Runs <paramref name="run"/> on a prepared command on the context's connection (opened and closed here if it was closed).</summary>
    private static async Task<T> RunAsync<T>(MulticaDbContext db, string sql, IEnumerable<NpgsqlParameter> parameters,
        Func<NpgsqlCommand, Task<T>> run, CancellationToken ct)
    {
        var opened = await OpenAsync(db, ct);
        try
        {
            await using var command = Command(db, sql, parameters);
            // Persistent per physical connection: the hot-path statements are planned once, not per call.
            await command.PrepareAsync(ct);
            return await run(command);
        }
        catch
        {
            // A failed command may have taken the plan-mode setting in front of it back with it.
            SessionPlanModes.Forget(db.Database.GetDbConnection());
            throw;
        }
        finally
        {
            if (opened)
                await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Statements joined into one command's text, each ended by one semicolon.</summary>
    private static string OneCommand(params string[] statements) =>
        string.Join(";\n", statements.Select(s => s.TrimEnd().TrimEnd(';')));

    private static async Task<List<T>> ReadNextAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> map, CancellationToken ct) =>
        await reader.NextResultAsync(ct) ? await ReadAllAsync(reader, map, ct)
            : throw new InvalidOperationException("a query of the command returned no result set");

    private static async Task<List<T>> ReadAllAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
            rows.Add(map(reader));
        return rows;
    }

    /// <summary>
    /// The generic-plan setting. A statement opts in with the tag (<see cref="GenericPlanInterceptor.TagLine"/> in
    /// front of a hand-written statement, <c>.TagWith(GenericPlanInterceptor.Tag)</c> on an EF Core query); inside a
    /// transaction <see cref="GenericPlanInterceptor.WithPlanMode"/> puts this in front of it (same command, same
    /// round trip), and for the rest of the transaction prepared statements run on their generic plan instead of
    /// being planned for their values on every call (sessions default to custom plans, Database:ForceCustomPlans).
    /// Only for statements measured to plan slower than they run and whose plan depends on no parameter's value:
    /// status lists are literals, so partial indexes still match, but a LIMIT given as a parameter is such a value
    /// (a generic plan assumes a large one, so such a LIMIT is written as a literal). Its users are listed with their
    /// measurements in docs/daemon-protocol.md, "Plans". SET LOCAL ends with the transaction and never reaches the
    /// next user of the pooled connection. The reader skips the SET's empty result.
    /// </summary>
    public const string GenericPlans = "SET LOCAL plan_cache_mode = force_generic_plan;\n";

    public static NpgsqlParameter P(string name, object? value) => new(name, value ?? DBNull.Value);

    public static NpgsqlParameter P(string name, NpgsqlDbType type, object? value) => new(name, type) { Value = value ?? DBNull.Value };

    public static NpgsqlParameter Uuids(string name, IEnumerable<Guid> ids) => P(name, NpgsqlDbType.Array | NpgsqlDbType.Uuid, ids.ToArray());

    public static NpgsqlParameter Texts(string name, IEnumerable<string?> values) => P(name, NpgsqlDbType.Array | NpgsqlDbType.Text, values.ToArray());

    public static NpgsqlParameter Times(string name, IEnumerable<DateTime> values) =>
        P(name, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, values.Select(v => DateTime.SpecifyKind(v, DateTimeKind.Utc)).ToArray());

    /// <summary>A timestamptz parameter; a null time is NULL.</summary>
    public static NpgsqlParameter Time(string name, DateTime? value) =>
        P(name, NpgsqlDbType.TimestampTz, value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null);

    public static T? Get<T>(this NpgsqlDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? default : reader.GetFieldValue<T>(ordinal);
    }

    public static Guid? GetGuid(this NpgsqlDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);
    }

    private static NpgsqlCommand Command(MulticaDbContext db, string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction;
        command.CommandText = GenericPlanInterceptor.WithPlanMode(sql, connection, command.Transaction is not null);
        foreach (var parameter in parameters)
            command.Parameters.Add(parameter);
        return command;
    }

    private static async Task<bool> OpenAsync(MulticaDbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection().State == ConnectionState.Open)
            return false;
        await db.Database.OpenConnectionAsync(ct);
        return true;
    }
}
