namespace Multica.Domain.Constants;

public static class PinItemType
{
    public const string Issue = "issue";
    public const string Project = "project";

    public static readonly string[] All = [Issue, Project];
}
