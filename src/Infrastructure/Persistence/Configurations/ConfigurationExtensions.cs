using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Multica.Infrastructure.Persistence.Configurations;

internal static class ConfigurationExtensions
{
    public const string Now = "now()";

    public static PropertyBuilder<Guid> GeneratedUuid(this PropertyBuilder<Guid> property) =>
        property.HasDefaultValueSql("gen_random_uuid()");

    public static PropertyBuilder<DateTime> DefaultNow(this PropertyBuilder<DateTime> property) =>
        property.HasColumnType("timestamptz").HasDefaultValueSql(Now);

    public static PropertyBuilder<string> Jsonb(this PropertyBuilder<string> property, string? defaultJson) =>
        defaultJson is null
            ? property.HasColumnType("jsonb")
            : property.HasColumnType("jsonb").HasDefaultValueSql($"'{defaultJson}'::jsonb");

    public static PropertyBuilder<string?> Jsonb(this PropertyBuilder<string?> property) =>
        property.HasColumnType("jsonb");

    /// <summary>CHECK (column IN (...)) — the data model's text "enums".</summary>
    public static void InCheck<T>(this EntityTypeBuilder<T> builder, string table, string column, IEnumerable<string> values, bool nullable = false)
        where T : class
    {
        var list = StatusSql.List(values);
        var sql = nullable ? $"{column} IS NULL OR {column} IN ({list})" : $"{column} IN ({list})";
        builder.ToTable(table, t => t.HasCheckConstraint($"ck_{table}_{column}", sql));
    }
}
