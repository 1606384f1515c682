namespace Multica.Domain.Constants;

public static class ChatSessionStatus
{
    public const string Active = "active";
    public const string Archived = "archived";
}
