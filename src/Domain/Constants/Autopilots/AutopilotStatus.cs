namespace Multica.Domain.Constants;

public static class AutopilotStatus
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Archived = "archived";
    public static readonly string[] All = [Active, Paused, Archived];
}
