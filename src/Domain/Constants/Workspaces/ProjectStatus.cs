namespace Multica.Domain.Constants;

/// <summary>project.status values; completed and cancelled projects are closed.</summary>
public static class ProjectStatus
{
    public const string Planned = "planned";
    public const string InProgress = "in_progress";
    public const string Paused = "paused";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static readonly string[] All = [Planned, InProgress, Paused, Completed, Cancelled];

    /// <summary>Closed projects: hidden from search unless asked for.</summary>
    public static readonly string[] Closed = [Completed, Cancelled];
}
