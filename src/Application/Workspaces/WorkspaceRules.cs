namespace Multica.Application.Workspaces;

/// <summary>The limits on a workspace's fields that create and update both check (docs/api.md).</summary>
public static class WorkspaceRules
{
    public const int MaxNameLength = 255;
    public const int MaxSlugLength = 100;
    public const int MaxIssuePrefixLength = 10;
}
