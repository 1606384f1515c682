using System.Text.Json;
using Multica.Application.Common.Observability;
using Multica.Application.PendingRequests;
using StackExchange.Redis;

namespace Multica.Infrastructure.PendingRequests;

/// <summary>
/// Multi-node store (docs/pending-requests.md, "Redis layout" — used for all four kinds).
/// Keys, with prefix <c>mul:</c> and kind e.g. <c>local_skill:list</c>:
/// <list type="bullet">
/// <item><c>{prefix}{kind}:{id}</c> — the record JSON (all fields, run start and creator included); TTL = retention, reset on every write.</item>
/// <item><c>{prefix}{kind}:pending:{runtimeId}</c> — sorted set of pending ids scored by creation time (Unix ms); TTL 2 × retention.</item>
/// <item><c>{prefix}{kind}:active:{runtimeId}</c> — only for one-active-per-runtime kinds: the active id, TTL = the pending timeout.</item>
/// </list>
/// Every state change is a compare-and-set script on the record's exact previous JSON, so a claim, a
/// result report and a timeout can race on any nodes and exactly one of them wins; a claim additionally
/// must remove the id from the pending set in the same script.
/// With a <see cref="PendingStoreBreaker"/>, a Redis that keeps timing out is not asked for a while: each operation
/// asks the breaker once, before its first command, so an operation is never cut off half-way.
/// </summary>
public sealed class RedisPendingRequestStore<T>(IConnectionMultiplexer redis, PendingRequestPolicy policy, TimeProvider time, string keyPrefix = "mul:",
    PendingStoreBreaker? breaker = null)
    : IPendingRequestStore<T> where T : PendingRequest
{
    private const int MaxAttempts = 5;

    // KEYS: record, pending set, active key. ARGV: id, json, ttl s, score, pending ttl s, active ttl s (0 = no limit).
    private const string CreateScript = """
        if ARGV[6] ~= '0' then
          if not redis.call('SET', KEYS[3], ARGV[1], 'NX', 'EX', ARGV[6]) then return 0 end
        end
        redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
        redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
        redis.call('EXPIRE', KEYS[2], ARGV[5])
        return 1
        """;

    // KEYS: record, pending set, active key. ARGV: expected json, new json, ttl s, id, mode.
    // mode 'claim': the id must still be in the pending set (exactly one claimer removes it).
    // mode 'settle': terminal write; leaves the pending set and frees the runtime's active slot.
    private const string CompareAndSetScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        local removed = redis.call('ZREM', KEYS[2], ARGV[4])
        if ARGV[5] == 'claim' and removed == 0 then return 0 end
        redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
        if ARGV[5] == 'settle' and redis.call('GET', KEYS[3]) == ARGV[4] then redis.call('DEL', KEYS[3]) end
        return 1
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    // While Redis is unreachable every call fails at once instead of waiting out the client timeout, so an
    // outage costs a heartbeat microseconds and a create a fast error (docs/reliability.md).
    private IDatabase Db => redis.IsConnected
        ? redis.GetDatabase()
        : throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "redis is not connected");

    public PendingRequestPolicy Policy => policy;

    public Task<bool> TryCreateAsync(T request, CancellationToken ct) => GuardedAsync(() => CreateCoreAsync(request));

    public Task<T?> GetAsync(string id, CancellationToken ct) => GuardedAsync(() => GetCoreAsync(id));

    public Task<bool> HasPendingAsync(string runtimeId, CancellationToken ct) => GuardedAsync(() => HasPendingCoreAsync(runtimeId));

    public Task<T?> ClaimNextAsync(string runtimeId, CancellationToken ct) => GuardedAsync(() => ClaimNextCoreAsync(runtimeId));

    public Task<FinishOutcome<T>> FinishAsync(string id, Func<T, T> change, CancellationToken ct) => GuardedAsync(() => FinishCoreAsync(id, change));

    /// <summary>
    /// One store operation under the breaker: refused at once while it is open (the same exception a command that
    /// ran into the client's timeout throws, so callers answer as they would have after the wait); a timeout is
    /// reported to it, any other end closes it.
    /// </summary>
    private async Task<TResult> GuardedAsync<TResult>(Func<Task<TResult>> operation)
    {
        if (breaker is null)
            return await operation();
        if (!breaker.TryEnter())
        {
            MulticaMetrics.PendingStoreCallsRefused.Add(1, MulticaMetrics.Tag("kind", policy.Kind));
            throw new RedisTimeoutException(CommandFlags.None, "redis did not answer recently; not asked again yet", CommandStatus.WaitingToBeSent);
        }
        return await breaker.RunAsync(operation, ex => ex is RedisTimeoutException);
    }

    private async Task<bool> CreateCoreAsync(T request)
    {
        var result = await Db.ScriptEvaluateAsync(CreateScript,
            [RecordKey(request.Id), PendingKey(request.RuntimeId), ActiveKey(request.RuntimeId)],
            [
                request.Id, Serialize(request), RetentionSeconds, Score(request.CreatedAt), RetentionSeconds * 2,
                policy.OneActivePerRuntime ? (long)Math.Ceiling(policy.PendingTimeout.TotalSeconds) : 0,
            ]);
        return (long)result == 1;
    }

    private async Task<T?> GetCoreAsync(string id)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (record, raw) = await LoadAsync(id);
            if (record is null)
                return null;
            var timedOut = policy.ApplyTimeout(record, Now);
            if (timedOut is null)
                return record;
            // Persist the timeout so every node sees it; if someone else changed the record, re-read.
            if (await CompareAndSetAsync(id, record.RuntimeId, raw!, timedOut, "settle"))
                return timedOut;
        }
        return null;
    }

    private async Task<bool> HasPendingCoreAsync(string runtimeId)
    {
        // Read-only; only members young enough not to have timed out count.
        var count = await Db.SortedSetLengthAsync(PendingKey(runtimeId), LiveCutoff(), double.PositiveInfinity);
        return count > 0;
    }

    private async Task<T?> ClaimNextCoreAsync(string runtimeId)
    {
        var pendingKey = PendingKey(runtimeId);
        // Members past the pending timeout can never be handed out; drop them in bulk (their records time out on read).
        await Db.SortedSetRemoveRangeByScoreAsync(pendingKey, double.NegativeInfinity, LiveCutoff(), Exclude.Stop);

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var oldest = await Db.SortedSetRangeByRankAsync(pendingKey, 0, 0);
            if (oldest.Length == 0)
                return null;
            var id = oldest[0].ToString();
            var (record, raw) = await LoadAsync(id);
            var now = Now;
            if (record is null || record.RuntimeId != runtimeId)
            {
                await Db.SortedSetRemoveAsync(pendingKey, id);
                continue;
            }
            if (policy.ApplyTimeout(record, now) is { } timedOut)
            {
                await CompareAndSetAsync(id, runtimeId, raw!, timedOut, "settle");
                continue;
            }
            if (record.Status != PendingStatus.Pending)
            {
                await Db.SortedSetRemoveAsync(pendingKey, id);
                continue;
            }
            var claimed = PendingRequestPolicy.Claimed(record, now);
            if (await CompareAndSetAsync(id, runtimeId, raw!, claimed, "claim"))
                return claimed;
            // Lost the race to another heartbeat (or a concurrent write): try the next one.
        }
        return null;
    }

    private async Task<FinishOutcome<T>> FinishCoreAsync(string id, Func<T, T> change)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (record, raw) = await LoadAsync(id);
            if (record is null)
                return new FinishOutcome<T>(FinishResult.NotFound, null);
            var now = Now;
            if (policy.ApplyTimeout(record, now) is { } timedOut)
            {
                if (await CompareAndSetAsync(id, record.RuntimeId, raw!, timedOut, "settle"))
                    return new FinishOutcome<T>(FinishResult.AlreadyTerminal, timedOut);
                continue;
            }
            if (PendingStatus.IsTerminal(record.Status))
                return new FinishOutcome<T>(FinishResult.AlreadyTerminal, record);
            var changed = (T)(change(record) with { UpdatedAt = now });
            if (await CompareAndSetAsync(id, record.RuntimeId, raw!, changed, PendingStatus.IsTerminal(changed.Status) ? "settle" : "update"))
                return new FinishOutcome<T>(FinishResult.Updated, changed);
        }
        throw new RedisException($"pending request {id} kept changing; giving up");
    }

    private async Task<(T? Record, string? Raw)> LoadAsync(string id)
    {
        var raw = await Db.StringGetAsync(RecordKey(id));
        if (raw.IsNullOrEmpty)
            return (null, null);
        var text = raw.ToString();
        return (JsonSerializer.Deserialize<T>(text, Json), text);
    }

    private async Task<bool> CompareAndSetAsync(string id, string runtimeId, string expected, T next, string mode)
    {
        var result = await Db.ScriptEvaluateAsync(CompareAndSetScript,
            [RecordKey(id), PendingKey(runtimeId), ActiveKey(runtimeId)],
            [expected, Serialize(next), RetentionSeconds, id, mode]);
        return (long)result == 1;
    }

    private string Serialize(T record) => JsonSerializer.Serialize(record, Json);

    private long RetentionSeconds => (long)Math.Ceiling(policy.Retention.TotalSeconds);

    private double LiveCutoff() => LiveCutoff(policy, Now);

    /// <summary>The score below which a pending member has timed out and no longer counts.</summary>
    internal static double LiveCutoff(PendingRequestPolicy policy, DateTime now) => Score(now - policy.PendingTimeout);

    private static double Score(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    private string RecordKey(string id) => $"{keyPrefix}{policy.Kind}:{id}";
    private string PendingKey(string runtimeId) => PendingKey(keyPrefix, policy.Kind, runtimeId);
    internal static string PendingKey(string keyPrefix, string kind, string runtimeId) => $"{keyPrefix}{kind}:pending:{runtimeId}";
    private string ActiveKey(string runtimeId) => $"{keyPrefix}{policy.Kind}:active:{runtimeId}";

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
