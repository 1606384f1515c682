namespace Multica.Domain.Constants;

public static class IssuePriority
{
    public const string Urgent = "urgent";
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";
    public const string None = "none";
    public static readonly string[] All = [Urgent, High, Medium, Low, None];
}
