namespace Multica.Domain.Constants;

public static class ChatRole
{
    public const string User = "user";
    public const string Assistant = "assistant";
}
