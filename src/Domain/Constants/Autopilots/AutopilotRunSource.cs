namespace Multica.Domain.Constants;

public static class AutopilotRunSource
{
    public const string Schedule = "schedule";
    public const string Manual = "manual";
    public const string Webhook = "webhook";
    public const string Api = "api";
}
