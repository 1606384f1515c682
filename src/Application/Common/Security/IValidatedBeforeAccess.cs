namespace Multica.Application.Common.Security;

/// <summary>
/// Marker: the request's validators run before the access check (upstream checks required fields
/// first on some routes, e.g. heartbeat's runtime_id). Without it validation follows authorization.
/// </summary>
public interface IValidatedBeforeAccess;
