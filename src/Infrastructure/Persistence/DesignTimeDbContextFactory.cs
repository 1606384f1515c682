using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Multica.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef` build the model without a running server or database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<MulticaDbContext>
{
    public MulticaDbContext CreateDbContext(string[] args)
    {
        var url = Environment.GetEnvironmentVariable("DATABASE_URL") ?? "Host=localhost;Database=multica;Username=multica";
        var options = new DbContextOptionsBuilder<MulticaDbContext>()
            .UseNpgsql(DatabaseUrl.ToConnectionString(url), o => o.MigrationsHistoryTable("__ef_migrations_history"))
            .Options;
        return new MulticaDbContext(options);
    }
}
