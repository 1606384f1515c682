using System.Text.Json.Serialization;
using Multica.Application.Runtimes.Shared;

namespace Multica.Application.Runtimes.Events;

/// <summary>
/// daemon:register, the "runtime list changed, refetch" signal: {runtimes: […]} after a registration,
/// otherwise {action} naming the cause (online, deregister, delete, stale_sweep, runtime_gc).
/// </summary>
public sealed record DaemonRegisterPayload(
    [property: JsonPropertyName("runtimes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RuntimeDto>? Runtimes,
    [property: JsonPropertyName("action"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Action)
{
    public static DaemonRegisterPayload Registered(IReadOnlyList<RuntimeDto> runtimes) => new(runtimes, null);

    public static DaemonRegisterPayload Changed(string action) => new(null, action);
}
