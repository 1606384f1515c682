namespace Multica.Domain.Constants;

public static class FailureReason
{
    public const string AgentError = "agent_error";
    public const string Timeout = "timeout";
    public const string RuntimeOffline = "runtime_offline";
    public const string RuntimeRecovery = "runtime_recovery";
    public const string Manual = "manual";
}
