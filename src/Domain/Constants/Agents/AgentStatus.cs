namespace Multica.Domain.Constants;

public static class AgentStatus
{
    public const string Idle = "idle";
    public const string Working = "working";
    public const string Blocked = "blocked";
    public const string Error = "error";
    public const string Offline = "offline";
    public static readonly string[] All = [Idle, Working, Blocked, Error, Offline];
}
