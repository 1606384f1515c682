namespace Multica.Domain.Constants;

public static class ActorType
{
    public const string Member = "member";
    public const string Agent = "agent";
    public const string System = "system";
}
