using Multica.Application.PendingRequests;
using StackExchange.Redis;

namespace Multica.Infrastructure.PendingRequests;

/// <summary>
/// The heartbeat's probe of all pending-request kinds as one Redis command: a script counting the live
/// members of each kind's pending set (the same keys and timeout cutoff <see cref="RedisPendingRequestStore{T}"/>
/// uses), so a heartbeat with nothing pending costs one round trip whichever node created the requests.
/// </summary>
public sealed class RedisPendingWorkProbe(IConnectionMultiplexer redis, IReadOnlyList<PendingRequestPolicy> policies, TimeProvider time, string keyPrefix = "mul:")
    : IPendingWorkProbe
{
    // KEYS: one pending set per kind. ARGV: the live cutoff score per kind. Returns the live count per kind.
    private const string CountScript = """
        local counts = {}
        for i = 1, #KEYS do counts[i] = redis.call('ZCOUNT', KEYS[i], ARGV[i], '+inf') end
        return counts
        """;

    public async Task<IReadOnlyCollection<string>> KindsWithPendingAsync(string runtimeId, CancellationToken ct)
    {
        // Fail fast while disconnected, like the stores (docs/reliability.md).
        if (!redis.IsConnected)
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "redis is not connected");
        var now = time.GetUtcNow().UtcDateTime;
        var keys = new RedisKey[policies.Count];
        var cutoffs = new RedisValue[policies.Count];
        for (var i = 0; i < policies.Count; i++)
        {
            keys[i] = RedisPendingRequestStore<PendingRequest>.PendingKey(keyPrefix, policies[i].Kind, runtimeId);
            cutoffs[i] = RedisPendingRequestStore<PendingRequest>.LiveCutoff(policies[i], now);
        }
        var counts = (long[])(await redis.GetDatabase().ScriptEvaluateAsync(CountScript, keys, cutoffs))!;
        List<string>? kinds = null;
        for (var i = 0; i < counts.Length; i++)
            if (counts[i] > 0)
                (kinds ??= []).Add(policies[i].Kind);
        return kinds is null ? [] : kinds;
    }
}
