namespace Multica.Domain.Constants;

public static class RuntimeStatus
{
    public const string Online = "online";
    public const string Offline = "offline";

    public static readonly string[] All = [Online, Offline];
}
