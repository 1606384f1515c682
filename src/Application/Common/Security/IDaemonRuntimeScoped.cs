namespace Multica.Application.Common.Security;

// Requests declare what they touch; AuthorizationBehaviour checks the caller against it before the
// handler runs, so handlers never repeat the check. Ids are raw strings: a malformed id is simply
// "not found", as upstream answers.

/// <summary>/api/daemon route addressing a runtime: 404 "runtime not found", then 404 "not found".</summary>
public interface IDaemonRuntimeScoped
{
    string RuntimeId { get; }
}
