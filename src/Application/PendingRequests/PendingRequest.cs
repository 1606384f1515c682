using System.Security.Cryptography;

namespace Multica.Application.PendingRequests;

/// <summary>Status vocabulary shared by the four heartbeat-delivered request kinds.</summary>
public static class PendingStatus
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Timeout = "timeout";

    public static bool IsTerminal(string status) => status is Completed or Failed or Timeout;
}

/// <summary>
/// A request the server parks for a daemon until its next heartbeat ("mailbox"). Records are
/// immutable snapshots; stores hand out copies, never shared references.
/// </summary>
public abstract record PendingRequest
{
    public string Id { get; init; } = "";
    /// <summary>Canonical (lower-case) runtime UUID text.</summary>
    public string RuntimeId { get; init; } = "";
    public string Status { get; init; } = PendingStatus.Pending;
    public string? Error { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    /// <summary>When a heartbeat handed it out; internal, never on the wire.</summary>
    public DateTime? RunStartedAt { get; init; }

    /// <summary>32 lower-case hex characters (16 random bytes), as upstream.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

public sealed record RuntimeUpdateRequest : PendingRequest
{
    public string TargetVersion { get; init; } = "";
    public string? Output { get; init; }
}

public sealed record ModelListRequest : PendingRequest
{
    public IReadOnlyList<ModelEntry>? Models { get; init; }
    public bool Supported { get; init; } = true;
}

public sealed record LocalSkillListRequest : PendingRequest
{
    public IReadOnlyList<LocalSkillSummary>? Skills { get; init; }
    public bool Supported { get; init; } = true;
    /// <summary>Whether the runtime's CLI takes MCP servers, as the daemon reported it (null when it did not).</summary>
    public bool? McpSupported { get; init; }
    /// <summary>The MCP servers the daemon found, kept exactly as reported (null when it did not report them).</summary>
    public System.Text.Json.JsonElement? McpServers { get; init; }
}

public sealed record LocalSkillImportRequest : PendingRequest
{
    public string SkillKey { get; init; } = "";
    public string? Name { get; init; }
    public string? Description { get; init; }
    /// <summary>The user who started the import; becomes the skill's created_by.</summary>
    public Guid CreatorId { get; init; }
    public ImportedSkill? Skill { get; init; }
}
