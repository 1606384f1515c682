namespace Multica.Domain.Constants;

public static class RuntimeStatus
{
    public const string Online = "online";
    public const string Offline = "offline";
}
