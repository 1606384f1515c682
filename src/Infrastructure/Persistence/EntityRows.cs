using System.Collections.Concurrent;
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
    private static readonly ConcurrentDictionary<Type, (string Column, PropertyInfo Property)[]> Maps = new();

    public static T Read<T>(MulticaDbContext db, NpgsqlDataReader reader) where T : new()
    {
        var map = Maps.GetOrAdd(typeof(T), type => Build(db.Model, type));
        var entity = new T();
        foreach (var (column, property) in map)
        {
            var i = reader.GetOrdinal(column);
            property.SetValue(entity, reader.IsDBNull(i) ? null : reader.GetValue(i));
        }
        return entity;
    }

    private static (string Column, PropertyInfo Property)[] Build(IModel model, Type type)
    {
        var entityType = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not an entity of the model");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        return entityType.GetProperties().Select(p =>
        {
            if (p.PropertyInfo is null || p.GetValueConverter() is not null)
                throw new NotSupportedException($"{type.Name}.{p.Name}: only plain mapped properties can be read by column name");
            return (p.GetColumnName(table) ?? throw new InvalidOperationException($"{type.Name}.{p.Name} has no column"), p.PropertyInfo);
        }).ToArray();
    }
}
