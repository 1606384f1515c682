using System.Reflection;

namespace Multica.Application.Common.Timing;

/// <summary>
/// The message of the slow-request log line for this request type (e.g. upstream's "heartbeat_endpoint slow");
/// requests without it log "slow request {name}".
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SlowRequestLogAttribute(string message) : Attribute
{
    public string Message { get; } = message;

    /// <summary>The line's message for <typeparamref name="T"/>, resolved once per type.</summary>
    public static string For<T>() => Cache<T>.Message;

    private static class Cache<T>
    {
        public static readonly string Message =
            typeof(T).GetCustomAttribute<SlowRequestLogAttribute>()?.Message ?? $"slow request {typeof(T).Name}";
    }
}
