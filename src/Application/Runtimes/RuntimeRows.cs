namespace Multica.Application.Runtimes;

/// <summary>The values one register element writes (docs/daemon-protocol.md, "Registration").</summary>
public sealed record RuntimeRegistration(
    Guid WorkspaceId, string DaemonId, string Provider, string Name, string Status,
    string DeviceInfo, string MetadataJson, Guid? OwnerId);

public sealed record RuntimeUsageRow(DateOnly Date, string Provider, string Model, long InputTokens, long OutputTokens,
    long CacheReadTokens, long CacheWriteTokens);

public sealed record HourCount(int Hour, long Count);
