namespace Multica.Application.Common.Security;

/// <summary>
/// User route inside a workspace (selected by header, query or path): the caller must be a member,
/// else 404 "workspace not found"; with roles, else 403 "insufficient permissions".
/// </summary>
public interface IWorkspaceMemberScoped
{
    string? WorkspaceId { get; }
    /// <summary>Roles allowed; null or empty means any member.</summary>
    IReadOnlyCollection<string>? RequiredRoles => null;
}
