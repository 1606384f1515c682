namespace Multica.Domain.Constants;

public static class AgentVisibility
{
    public const string Workspace = "workspace";
    public const string Private = "private";
}
