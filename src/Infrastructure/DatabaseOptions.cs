namespace Multica.Infrastructure;

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    /// <summary>Apply pending EF Core migrations when the server starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;
    public int MaxPoolSize { get; set; } = 100;
}
