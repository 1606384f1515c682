namespace Multica.Application.Common.Security;

/// <summary>/api/daemon route addressing a workspace: 404 "not found".</summary>
public interface IDaemonWorkspaceScoped
{
    string WorkspaceId { get; }
}
