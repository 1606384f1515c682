namespace Multica.Application.Common.Errors;

/// <summary>
/// A failure that reaches the client as <c>{"error": Message}</c> with <see cref="StatusCode"/>.
/// Messages are the exact wire strings; never put exception details into them.
/// </summary>
public abstract class AppException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}

public sealed class BadRequestException(string message) : AppException(400, message);

public sealed class UnauthorizedException(string message) : AppException(401, message);

public sealed class ForbiddenException(string message) : AppException(403, message);

public sealed class NotFoundException(string message) : AppException(404, message);

public sealed class ConflictException(string message) : AppException(409, message);

public sealed class TooManyRequestsException(string message) : AppException(429, message);

/// <summary>503 — the target cannot take the request now (e.g. an offline runtime).</summary>
public sealed class ServiceUnavailableException(string message) : AppException(503, message);

/// <summary>A 500 whose message is a fixed wire string ("internal error" unless a route specifies its own); details only in the log.</summary>
public sealed class InternalErrorException(string message = "internal error") : AppException(500, message);

public static class ErrorMessages
{
    public const string NotFound = "not found";
    public const string RuntimeNotFound = "runtime not found";
    public const string TaskNotFound = "task not found";
    public const string IssueNotFound = "issue not found";
    public const string TokenNotFound = "token not found";
    public const string WorkspaceNotFound = "workspace not found";
    public const string InvalidRequestBody = "invalid request body";
    public const string InsufficientPermissions = "insufficient permissions";
    public const string UserNotAuthenticated = "user not authenticated";
    public const string InternalError = "internal error";
    public const string InvalidRequest = "invalid request";
    public const string DatabaseUnavailable = "database unavailable";
    public const string MethodNotAllowed = "method not allowed";
}
