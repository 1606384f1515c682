using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Multica.Infrastructure.Persistence;

/// <summary>
/// Reads an entity from a hand-written statement's row by the EF Core model's column names: the hot paths' statements
/// that answer whole rows (<see cref="RawSql.EntitiesAsync{T}"/>), and a statement that returns the entity's row together
/// with something EF Core's <c>FromSql</c> cannot read (the finishing write returns the task and the hashes of the tokens
/// it deleted). The model stays the one description of the row: every mapped property is read from its column,
/// whatever the statement's column order. Properties with value converters are refused when the map is built
/// (<c>EntityRowsTests</c> and <c>FinishRunTests</c> compare every property read this way with EF Core's own read of the row).
/// </summary>
internal static class EntityRows
{
    /// <summary>
    /// One mapped property: its column and store type, the default the model declares (a constant or SQL), its CLR default,
    /// <see cref="ReadInto"/>, which sets the property from a row's field without boxing or reflection, and
    /// <see cref="TypedParameter{T}"/> for its inserted value.
    /// </summary>
    private sealed record Column(string Name, PropertyInfo Property, string StoreType, bool HasDefault, object? Default,
        string? DefaultSql, object? ClrDefault, bool GeneratedGuidKey, Action<object, NpgsqlDataReader, int> ReadInto,
        Func<string, object?, NpgsqlParameter> Parameter);

    private sealed record Table(string Name, Column[] Columns);

    private static readonly ConcurrentDictionary<Type, Table> Tables = new();
    private static readonly ConcurrentDictionary<(Type, int, string), string> InsertSql = new();

    public static T Read<T>(MulticaDbContext db, NpgsqlDataReader reader) where T : new()
    {
        var entity = new T();
        foreach (var column in TableOf(db, typeof(T)).Columns)
        {
            column.ReadInto(entity, reader, reader.GetOrdinal(column.Name));
        }
        return entity;
    }

    /// <summary>Rows per INSERT statement: the statements a connection prepares for a table are at most this many shapes.</summary>
    public const int RowsPerInsert = 8;

    /// <summary>
    /// INSERT statements of whole rows (<see cref="RowsPerInsert"/> rows each), every mapped column written as EF Core's
    /// <c>SaveChanges</c> would store it: a property left at its CLR default where the model declares a default gets that
    /// default (a constant is written, a SQL default is applied by the statement), and an empty Guid key gets a new
    /// (version 7) id, set on the entity as EF Core sets it. Unlike <c>SaveChanges</c>, a value the database fills in is
    /// not read back onto the entity: the hot paths set every value they publish. Values are cast to the column's store
    /// type in the statement; computed columns are refused when the map is built. <paramref name="prefix"/> keeps
    /// parameter names apart when statements share a command.
    /// </summary>
    public static (List<string> Statements, List<NpgsqlParameter> Parameters) Insert<T>(MulticaDbContext db, IReadOnlyList<T> rows,
        string prefix) where T : class
    {
        var table = TableOf(db, typeof(T));
        var statements = new List<string>();
        var parameters = new List<NpgsqlParameter>(rows.Count * table.Columns.Length);
        for (var first = 0; first < rows.Count; first += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, rows.Count - first);
            var names = $"{prefix}{first / RowsPerInsert}_";
            statements.Add(InsertSql.GetOrAdd((typeof(T), count, names), key => BuildInsert(table, key.Item2, key.Item3)));
            for (var r = 0; r < count; r++)
                AddValues(table, rows[first + r], $"{names}{r}_", parameters);
        }
        return (statements, parameters);
    }

    /// <summary>
    /// One whole row inserted once for each row <paramref name="from"/> (a FROM clause) answers, so nothing is written when
    /// it answers none; the row's values are written as <see cref="Insert{T}"/> writes them.
    /// </summary>
    public static (string Sql, List<NpgsqlParameter> Parameters) InsertFrom<T>(MulticaDbContext db, T row, string prefix, string from)
        where T : class
    {
        var table = TableOf(db, typeof(T));
        var names = $"{prefix}0_";
        var parameters = new List<NpgsqlParameter>(table.Columns.Length);
        AddValues(table, row, $"{names}0_", parameters);
        var insert = InsertSql.GetOrAdd((typeof(T), 0, names), key => $"{Into(table)} SELECT {Values(table, 0, key.Item3)}");
        return ($"{insert} FROM {from}", parameters);
    }

    private static void AddValues(Table table, object row, string names, List<NpgsqlParameter> parameters)
    {
        for (var c = 0; c < table.Columns.Length; c++)
        {
            var column = table.Columns[c];
            var value = column.Property.GetValue(row);
            if (column.GeneratedGuidKey && value is Guid id && id == Guid.Empty)
                column.Property.SetValue(row, value = Guid.CreateVersion7());
            else if (column.HasDefault && Equals(value, column.ClrDefault))
                value = column.DefaultSql is null ? column.Default : null;
            parameters.Add(column.Parameter($"{names}{c}", value));
        }
    }

    private static string BuildInsert(Table table, int rows, string names) =>
        $"{Into(table)} VALUES " + string.Join(", ", Enumerable.Range(0, rows).Select(r => $"({Values(table, r, names)})"));

    private static string Into(Table table) =>
        $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))})";

    private static string Values(Table table, int row, string names) =>
        string.Join(", ", table.Columns.Select((c, i) => c.DefaultSql is null
            ? $"CAST(@{names}{row}_{i} AS {c.StoreType})"
            : $"COALESCE(CAST(@{names}{row}_{i} AS {c.StoreType}), {c.DefaultSql})"));

    /// <summary>The table the model maps <paramref name="type"/> to.</summary>
    public static string TableName(MulticaDbContext db, Type type) => TableOf(db, type).Name;

    private static Table TableOf(MulticaDbContext db, Type type) => Tables.GetOrAdd(type, t => Build(db.Model, t));

    private static Table Build(IModel model, Type type)
    {
        var entityType = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not an entity of the model");
        var tableName = entityType.GetTableName() ?? throw new InvalidOperationException($"{type.Name} has no table");
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        var columns = entityType.GetProperties().Select(p =>
        {
            if (p.PropertyInfo is null || p.GetValueConverter() is not null)
                throw new NotSupportedException($"{type.Name}.{p.Name}: only plain mapped properties can be read by column name");
            if (p.GetComputedColumnSql() is not null)
                throw new NotSupportedException($"{type.Name}.{p.Name}: a computed column is not written by column name");
            var clrType = p.ClrType;
            var defaultSql = p.GetDefaultValueSql();
            return new Column(
                p.GetColumnName(table) ?? throw new InvalidOperationException($"{type.Name}.{p.Name} has no column"),
                p.PropertyInfo,
                p.GetColumnType(),
                defaultSql is not null || p.FindAnnotation(RelationalAnnotationNames.DefaultValue) is not null,
                p.GetDefaultValue(),
                defaultSql is null ? null : $"({defaultSql})",
                CannotBeNull(clrType) ? Activator.CreateInstance(clrType) : null,
                p.IsPrimaryKey() && clrType == typeof(Guid) && p.ValueGenerated == ValueGenerated.OnAdd,
                ReadInto(type, p.PropertyInfo),
                ParameterOf(clrType));
        }).ToArray();
        return new Table(tableName, columns);
    }

    /// <summary>A value type that is not <see cref="Nullable{T}"/>: its CLR default is a value, not null.</summary>
    private static bool CannotBeNull(Type clrType) => clrType.IsValueType && Nullable.GetUnderlyingType(clrType) is null;

    /// <summary>
    /// The parameter of a column's value, typed by the property's type also when the value is null
    /// (<see cref="TypedParameter{T}"/>; a non-nullable value type is sent as its nullable form, so a null that asks
    /// for the column's SQL default still has a type).
    /// </summary>
    private static Func<string, object?, NpgsqlParameter> ParameterOf(Type clrType)
    {
        var type = CannotBeNull(clrType) ? typeof(Nullable<>).MakeGenericType(clrType) : clrType;
        return typeof(EntityRows).GetMethod(nameof(TypedParameter), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).CreateDelegate<Func<string, object?, NpgsqlParameter>>();
    }

    /// <summary>
    /// A parameter whose type comes from <typeparamref name="T"/>, so a null is sent with the type a value of the
    /// column would have. An untyped null (<c>DBNull</c>) is sent as "unknown": a statement that Npgsql prepared with a
    /// value in that position then does not match a later call with a null there, and runs unprepared, planned again
    /// (a comment reaction's inbox item did, docs/benchmarks.md, thirteenth stop). A value of another type than the
    /// property's (a model default) keeps the untyped form.
    /// </summary>
    private static NpgsqlParameter TypedParameter<T>(string name, object? value) => value switch
    {
        null => new NpgsqlParameter<T>(name, default(T)!),
        T typed => new NpgsqlParameter<T>(name, typed),
        _ => new NpgsqlParameter(name, value),
    };

    /// <summary>
    /// <c>(entity, reader, i) => ((T)entity).Property = reader.IsDBNull(i) ? default : reader.GetFieldValue&lt;TProperty&gt;(i)</c>,
    /// compiled once per column (a nullable value type is read as its underlying type).
    /// </summary>
    private static Action<object, NpgsqlDataReader, int> ReadInto(Type entityType, PropertyInfo property)
    {
        var entity = Expression.Parameter(typeof(object), "entity");
        var reader = Expression.Parameter(typeof(NpgsqlDataReader), "reader");
        var ordinal = Expression.Parameter(typeof(int), "ordinal");
        var type = property.PropertyType;
        var stored = Nullable.GetUnderlyingType(type) ?? type;
        Expression value = Expression.Call(reader, nameof(NpgsqlDataReader.GetFieldValue), [stored], ordinal);
        if (stored != type)
            value = Expression.Convert(value, type);
        var read = Expression.Condition(
            Expression.Call(reader, nameof(NpgsqlDataReader.IsDBNull), null, ordinal), Expression.Default(type), value);
        var assign = Expression.Assign(Expression.Property(Expression.Convert(entity, entityType), property), read);
        return Expression.Lambda<Action<object, NpgsqlDataReader, int>>(assign, entity, reader, ordinal).Compile();
    }
}
