namespace Multica.Application.Common.Security;

// Requests declare what they touch; AuthorizationBehaviour checks the caller against it before the
// handler runs, so handlers never repeat the check. Ids are raw strings: a malformed id is simply
// "not found", as upstream answers.

/// <summary>/api/daemon route addressing a runtime: 404 "runtime not found", then 404 "not found".</summary>
public interface IDaemonRuntimeScoped
{
    string RuntimeId { get; }
}

/// <summary>/api/daemon route addressing a task: 404 "task not found", then 404 "not found".</summary>
public interface IDaemonTaskScoped
{
    string TaskId { get; }
}

/// <summary>/api/daemon route addressing a workspace: 404 "not found".</summary>
public interface IDaemonWorkspaceScoped
{
    string WorkspaceId { get; }
}

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

/// <summary>Marker: a mat_ task token may not call this (token management, secrets).</summary>
public interface IHumanOnly;

/// <summary>
/// Marker: the request's validators run before the access check (upstream checks required fields
/// first on some routes, e.g. heartbeat's runtime_id). Without it validation follows authorization.
/// </summary>
public interface IValidatedBeforeAccess;
