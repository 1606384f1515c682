namespace Multica.Domain.Constants;

public static class ChatSessionStatus
{
    public const string Active = "active";
    public const string Archived = "archived";

    public static readonly string[] All = [Active, Archived];
}
