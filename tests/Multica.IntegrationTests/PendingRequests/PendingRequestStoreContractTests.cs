using Microsoft.Extensions.Time.Testing;
using Multica.Application.PendingRequests;
using Multica.Infrastructure;
using Multica.Infrastructure.PendingRequests;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using StackExchange.Redis;

namespace Multica.IntegrationTests.PendingRequests;

/// <summary>
/// The same contract for both store implementations: in memory, and in the suite's real Redis
/// (keys under a per-fixture prefix, so parallel suites sharing that Redis never collide).
/// </summary>
[TestFixture("memory")]
[TestFixture("redis")]
public sealed class PendingRequestStoreContractTests(string implementation)
{
    private readonly string _prefix = $"test:{Guid.NewGuid():N}:";
    private readonly List<ConnectionMultiplexer> _connections = [];
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp()
    {
        if (implementation == "redis" && string.IsNullOrEmpty(TestEnvironment.RedisUrl))
            Assert.Ignore($"{TestEnvironment.RedisUrlVariable} is not set");
        _time = new FakeTimeProvider(DateTimeOffset.UtcNow);
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        foreach (var connection in _connections)
        {
            // Remove only this fixture's keys.
            foreach (var endpoint in connection.GetEndPoints())
            {
                var server = connection.GetServer(endpoint);
                await foreach (var key in server.KeysAsync(pattern: _prefix + "*"))
                    await connection.GetDatabase().KeyDeleteAsync(key);
            }
            await connection.DisposeAsync();
        }
    }

    /// <summary>A store as one node sees it; Redis stores made by separate calls use separate connections ("nodes").</summary>
    private IPendingRequestStore<T> NewStore<T>(PendingRequestPolicy policy, IPendingRequestStore<T>? sharedMemory = null) where T : PendingRequest
    {
        if (implementation == "memory")
            return sharedMemory ?? new InMemoryPendingRequestStore<T>(policy, _time);
        var connection = ConnectionMultiplexer.Connect(RedisUrl.ToConfiguration(TestEnvironment.RedisUrl!));
        _connections.Add(connection);
        return new RedisPendingRequestStore<T>(connection, policy, _time, _prefix);
    }

    private ModelListRequest NewModelList(string runtimeId, TimeSpan? age = null)
    {
        var at = _time.GetUtcNow().UtcDateTime - (age ?? TimeSpan.Zero);
        return new ModelListRequest { Id = PendingRequest.NewId(), RuntimeId = runtimeId, CreatedAt = at, UpdatedAt = at };
    }

    private static string NewRuntime() => Guid.NewGuid().ToString();

    [Test]
    public async Task CreateClaimFinish_RoundTripsAllFields()
    {
        var store = NewStore<LocalSkillImportRequest>(PendingRequestPolicy.LocalSkillImport);
        var runtime = NewRuntime();
        var now = _time.GetUtcNow().UtcDateTime;
        var creator = Guid.NewGuid();
        var request = new LocalSkillImportRequest
        {
            Id = PendingRequest.NewId(), RuntimeId = runtime, SkillKey = "k", Name = "N", CreatorId = creator, CreatedAt = now, UpdatedAt = now,
        };
        Assert.That(await store.TryCreateAsync(request, default), Is.True);
        Assert.That(await store.HasPendingAsync(runtime, default), Is.True);

        var claimed = await store.ClaimNextAsync(runtime, default);
        Assert.That(claimed!.Status, Is.EqualTo(PendingStatus.Running));
        Assert.That(claimed.RunStartedAt, Is.Not.Null);
        Assert.That(await store.HasPendingAsync(runtime, default), Is.False);

        var read = await store.GetAsync(request.Id, default);
        Assert.That(read!.CreatorId, Is.EqualTo(creator), "internal fields survive the store");
        Assert.That(read.RunStartedAt, Is.Not.Null, "run start is persisted, so running requests time out");
        Assert.That(read.Name, Is.EqualTo("N"));

        var done = await store.FinishAsync(request.Id, r => r with { Status = PendingStatus.Failed, Error = "boom" }, default);
        Assert.That(done.Result, Is.EqualTo(FinishResult.Updated));
        var again = await store.FinishAsync(request.Id, r => r with { Status = PendingStatus.Completed }, default);
        Assert.That(again.Result, Is.EqualTo(FinishResult.AlreadyTerminal));
        Assert.That((await store.GetAsync(request.Id, default))!.Status, Is.EqualTo(PendingStatus.Failed));
        Assert.That((await store.FinishAsync(PendingRequest.NewId(), r => r, default)).Result, Is.EqualTo(FinishResult.NotFound));
    }

    [Test]
    public async Task Claim_IsExactlyOnce_AcrossConcurrentClaimersOnSeveralNodes()
    {
        var runtime = NewRuntime();
        var first = NewStore<ModelListRequest>(PendingRequestPolicy.ModelList);
        var nodes = Enumerable.Range(0, 4).Select(_ => NewStore(PendingRequestPolicy.ModelList, first)).ToList();
        var ids = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            var request = NewModelList(runtime);
            ids.Add(request.Id);
            await nodes[i % nodes.Count].TryCreateAsync(request, default);
        }

        // 16 claimers, each draining until nothing is left.
        var claimers = Enumerable.Range(0, 16).Select(async i =>
        {
            var mine = new List<string>();
            while (await nodes[i % nodes.Count].ClaimNextAsync(runtime, default) is { } claimed)
                mine.Add(claimed.Id);
            return mine;
        });
        var all = (await Task.WhenAll(claimers)).SelectMany(x => x).ToList();
        Assert.That(all, Has.Count.EqualTo(20));
        Assert.That(all.ToHashSet().SetEquals(ids), Is.True, "every request claimed exactly once");
    }

    [Test]
    public async Task Claim_HandsOutOldestFirst()
    {
        var store = NewStore<ModelListRequest>(PendingRequestPolicy.ModelList);
        var runtime = NewRuntime();
        var older = NewModelList(runtime, TimeSpan.FromSeconds(5));
        var newer = NewModelList(runtime);
        await store.TryCreateAsync(newer, default);
        await store.TryCreateAsync(older, default);
        Assert.That((await store.ClaimNextAsync(runtime, default))!.Id, Is.EqualTo(older.Id));
        Assert.That((await store.ClaimNextAsync(runtime, default))!.Id, Is.EqualTo(newer.Id));
        Assert.That(await store.ClaimNextAsync(runtime, default), Is.Null);
    }

    [Test]
    public async Task PendingTimeout_AppliesOnReadProbeAndClaim()
    {
        var store = NewStore<ModelListRequest>(PendingRequestPolicy.ModelList);
        var runtime = NewRuntime();
        var request = NewModelList(runtime);
        await store.TryCreateAsync(request, default);
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.That(await store.HasPendingAsync(runtime, default), Is.False);
        Assert.That(await store.ClaimNextAsync(runtime, default), Is.Null);
        var read = await store.GetAsync(request.Id, default);
        Assert.That(read!.Status, Is.EqualTo(PendingStatus.Timeout));
        Assert.That(read.Error, Is.EqualTo("daemon did not respond within 30 seconds"));
    }

    [Test]
    public async Task RunningTimeout_CountsFromTheClaim()
    {
        var store = NewStore<LocalSkillListRequest>(PendingRequestPolicy.LocalSkillList);
        var runtime = NewRuntime();
        var now = _time.GetUtcNow().UtcDateTime;
        var request = new LocalSkillListRequest { Id = PendingRequest.NewId(), RuntimeId = runtime, CreatedAt = now, UpdatedAt = now };
        await store.TryCreateAsync(request, default);
        _time.Advance(TimeSpan.FromSeconds(20));
        await store.ClaimNextAsync(runtime, default);
        _time.Advance(TimeSpan.FromSeconds(50));
        Assert.That((await store.GetAsync(request.Id, default))!.Status, Is.EqualTo(PendingStatus.Running), "70 s after creation, 50 s after the claim");
        _time.Advance(TimeSpan.FromSeconds(11));
        var read = await store.GetAsync(request.Id, default);
        Assert.That(read!.Status, Is.EqualTo(PendingStatus.Timeout));
        Assert.That(read.Error, Is.EqualTo("daemon did not finish within 60 seconds"));
        // A late report is stale.
        Assert.That((await store.FinishAsync(request.Id, r => r with { Status = PendingStatus.Completed }, default)).Result,
            Is.EqualTo(FinishResult.AlreadyTerminal));
    }

    [Test]
    public async Task Update_OneActivePerRuntime_UntilTerminalOrTimedOut()
    {
        var store = NewStore<RuntimeUpdateRequest>(PendingRequestPolicy.RuntimeUpdate);
        var runtime = NewRuntime();
        RuntimeUpdateRequest New()
        {
            var now = _time.GetUtcNow().UtcDateTime;
            return new RuntimeUpdateRequest { Id = PendingRequest.NewId(), RuntimeId = runtime, TargetVersion = "v1", CreatedAt = now, UpdatedAt = now };
        }

        var first = New();
        Assert.That(await store.TryCreateAsync(first, default), Is.True);
        Assert.That(await store.TryCreateAsync(New(), default), Is.False);
        Assert.That(await store.TryCreateAsync(New() with { RuntimeId = NewRuntime() }, default), Is.True, "other runtimes are independent");

        await store.ClaimNextAsync(runtime, default);
        Assert.That(await store.TryCreateAsync(New(), default), Is.False, "running blocks too");
        await store.FinishAsync(first.Id, r => r with { Status = PendingStatus.Completed, Output = "done" }, default);
        var second = New();
        Assert.That(await store.TryCreateAsync(second, default), Is.True);

        var read = await store.GetAsync(second.Id, default);
        Assert.That(read!.TargetVersion, Is.EqualTo("v1"));
        _time.Advance(TimeSpan.FromSeconds(121));
        Assert.That((await store.GetAsync(second.Id, default))!.Error, Is.EqualTo("update did not complete within 120 seconds"));
        if (implementation == "memory")
            Assert.That(await store.TryCreateAsync(New(), default), Is.True, "a timed-out update no longer blocks");
    }

    [Test]
    public async Task ConcurrentFinishAndTimeout_ExactlyOneWins()
    {
        var store = NewStore<ModelListRequest>(PendingRequestPolicy.ModelList);
        var runtime = NewRuntime();
        var request = NewModelList(runtime);
        await store.TryCreateAsync(request, default);
        await store.ClaimNextAsync(runtime, default);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            store.FinishAsync(request.Id, r => r with { Status = PendingStatus.Completed, Error = "winner " + i }, default)));
        Assert.That(outcomes.Count(o => o.Result == FinishResult.Updated), Is.EqualTo(1));
        var winner = outcomes.Single(o => o.Result == FinishResult.Updated).Request!.Error;
        Assert.That((await store.GetAsync(request.Id, default))!.Error, Is.EqualTo(winner));
    }

    [Test]
    public async Task OneCallProbe_SeesRequestsFromAnyNode_AndAgreesWithTheStores()
    {
        if (implementation != "redis")
            Assert.Ignore("the one-call probe exists only over Redis");
        var models = NewStore<ModelListRequest>(PendingRequestPolicy.ModelList);
        var imports = NewStore<LocalSkillImportRequest>(PendingRequestPolicy.LocalSkillImport);
        // The probe runs on another connection ("node") than the stores that create the requests.
        var probeConnection = ConnectionMultiplexer.Connect(RedisUrl.ToConfiguration(TestEnvironment.RedisUrl!));
        _connections.Add(probeConnection);
        var probe = new RedisPendingWorkProbe(probeConnection,
            [PendingRequestPolicy.RuntimeUpdate, PendingRequestPolicy.ModelList, PendingRequestPolicy.LocalSkillList, PendingRequestPolicy.LocalSkillImport],
            _time, _prefix);
        var runtime = NewRuntime();
        Assert.That(await probe.KindsWithPendingAsync(runtime, default), Is.Empty);

        await models.TryCreateAsync(NewModelList(runtime), default);
        var now = _time.GetUtcNow().UtcDateTime;
        await imports.TryCreateAsync(new LocalSkillImportRequest
            { Id = PendingRequest.NewId(), RuntimeId = runtime, SkillKey = "k", CreatedAt = now, UpdatedAt = now }, default);
        Assert.That(await probe.KindsWithPendingAsync(runtime, default),
            Is.EquivalentTo(new[] { PendingRequestPolicy.ModelList.Kind, PendingRequestPolicy.LocalSkillImport.Kind }));
        Assert.That(await probe.KindsWithPendingAsync(NewRuntime(), default), Is.Empty, "other runtimes see nothing");

        Assert.That(await imports.ClaimNextAsync(runtime, default), Is.Not.Null);
        Assert.That(await probe.KindsWithPendingAsync(runtime, default), Is.EquivalentTo(new[] { PendingRequestPolicy.ModelList.Kind }));

        // Past the pending timeout the request can no longer be handed out, so the probe stops naming it.
        _time.Advance(PendingRequestPolicy.ModelList.PendingTimeout + TimeSpan.FromSeconds(1));
        Assert.That(await models.HasPendingAsync(runtime, default), Is.False);
        Assert.That(await probe.KindsWithPendingAsync(runtime, default), Is.Empty);
    }
}
