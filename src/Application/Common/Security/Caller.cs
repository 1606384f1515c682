namespace Multica.Application.Common.Security;

public enum CallerKind
{
    Anonymous,
    /// <summary>JWT or personal access token: a user, member of any number of workspaces.</summary>
    User,
    /// <summary>mdt_ token: bound to exactly one workspace, no user.</summary>
    DaemonToken,
    /// <summary>mat_ token: the runtime owner acting as one agent for one task.</summary>
    TaskToken,
}

/// <summary>Who is calling, resolved once by authentication and read by the pipeline and handlers.</summary>
public sealed record Caller
{
    public static readonly Caller Anonymous = new() { Kind = CallerKind.Anonymous };

    public CallerKind Kind { get; init; }
    public Guid? UserId { get; init; }
    public string? Email { get; init; }
    public Guid? DaemonWorkspaceId { get; init; }
    public string? DaemonId { get; init; }
    public Guid? TokenAgentId { get; init; }
    public Guid? TokenTaskId { get; init; }
    public Guid? TokenWorkspaceId { get; init; }
    /// <summary>Id of the personal access token used, when one was.</summary>
    public Guid? PersonalAccessTokenId { get; init; }
    /// <summary>Hash of the opaque token (PAT, mdt_, mat_) the caller authenticated with; null for a JWT.</summary>
    public string? CredentialHash { get; init; }
    /// <summary>When that opaque token expires, if it does.</summary>
    public DateTime? CredentialExpiresAt { get; init; }

    public bool IsAuthenticated => Kind != CallerKind.Anonymous;
    public bool IsTaskToken => Kind == CallerKind.TaskToken;
}

/// <summary>Scoped holder of the current caller (set by the WebApi authentication middleware).</summary>
public interface ICallerContext
{
    Caller Caller { get; set; }
    /// <summary>Informational client headers (X-Client-Platform/Version/OS/Capabilities).</summary>
    ClientInfo Client { get; set; }
}

public sealed record ClientInfo(string? Platform, string? Version, string? Os, string? Capabilities)
{
    public static readonly ClientInfo Empty = new(null, null, null, null);
}

public sealed class CallerContext : ICallerContext
{
    public Caller Caller { get; set; } = Caller.Anonymous;
    public ClientInfo Client { get; set; } = ClientInfo.Empty;
}
