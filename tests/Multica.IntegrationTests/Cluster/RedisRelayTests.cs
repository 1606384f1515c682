using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Multica.Infrastructure.Cluster;
using Multica.Infrastructure;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using StackExchange.Redis;

namespace Multica.IntegrationTests.Cluster;

/// <summary>
/// The relay between nodes on the run's real Redis, two relays on two connections standing for two nodes, each test
/// on a channel of its own: messages queued together leave in one Redis message, and arrive one by one, in order,
/// once, at the other node only (docs/scaling.md, "How a message crosses nodes").
/// </summary>
public sealed class RedisRelayTests
{
    private readonly List<IAsyncDisposable> _disposables = [];

    [SetUp]
    public void RequireRedis()
    {
        if (string.IsNullOrEmpty(TestEnvironment.RedisUrl))
            Assert.Ignore($"{TestEnvironment.RedisUrlVariable} is not set");
    }

    [TearDown]
    public async Task Dispose()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
            await disposable.DisposeAsync();
        _disposables.Clear();
    }

    private sealed record Note(int N, string Text);

    private async Task<(RedisRelay Relay, IConnectionMultiplexer Redis)> NodeAsync()
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(RedisUrl.ToConfiguration(TestEnvironment.RedisUrl!));
        _disposables.Add(redis);
        var relay = new RedisRelay(redis, NullLogger<RedisRelay>.Instance);
        _disposables.Add(relay);
        return (relay, redis);
    }

    /// <summary>Two nodes, A and B, and a fresh channel B listens on (A's messages reach it).</summary>
    private async Task<(RedisRelay A, IConnectionMultiplexer RedisA, RedisRelay B, IConnectionMultiplexer RedisB, string Channel,
        ConcurrentQueue<Note> AtB)> TwoNodesAsync()
    {
        var (a, redisA) = await NodeAsync();
        var (b, redisB) = await NodeAsync();
        var (channel, atB) = await SubscribedAsync(b, a);
        return (a, redisA, b, redisB, channel, atB);
    }

    /// <summary>Subscribes on a fresh channel and waits until a probe from <paramref name="from"/> arrives (the subscription is made in the background).</summary>
    private static async Task<(string Channel, ConcurrentQueue<Note> Received)> SubscribedAsync(RedisRelay to, RedisRelay from)
    {
        var channel = "test:relay:" + Guid.NewGuid().ToString("N");
        var received = new ConcurrentQueue<Note>();
        to.Subscribe<Note>(channel, received.Enqueue);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (received.IsEmpty && DateTime.UtcNow < deadline)
        {
            from.Publish(channel, new Note(-1, "probe"));
            await Task.Delay(50);
        }
        Assert.That(received, Is.Not.Empty, "the subscription never received the probe");
        await Task.Delay(200);
        received.Clear();
        return (channel, received);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.That(condition(), Is.True, what);
    }

    [Test]
    public async Task ABurstOfMessages_ArrivesInOrderOnce_InFewerRedisMessages_AndNotAtItsOwnNode()
    {
        var (a, _, _, _, channel, atB) = await TwoNodesAsync();
        var atA = new ConcurrentQueue<Note>();
        a.Subscribe<Note>(channel, atA.Enqueue);
        await Task.Delay(300);
        var sendsBefore = a.Sends;
        var publishedBefore = a.Published;

        const int burst = 2_000;
        for (var i = 0; i < burst; i++)
            a.Publish(channel, new Note(i, new string('x', i % 300)));

        await WaitForAsync(() => atB.Count >= burst, $"node B received {atB.Count} of {burst}");
        await Task.Delay(300);
        Assert.Multiple(() =>
        {
            Assert.That(atB.Select(n => n.N), Is.EqualTo(Enumerable.Range(0, burst)), "in the order published, each once");
            Assert.That(atB.All(n => n.Text.Length == n.N % 300), Is.True, "bodies intact");
            Assert.That(atA, Is.Empty, "a node ignores its own messages");
            Assert.That(a.Published - publishedBefore, Is.EqualTo(burst));
            Assert.That(a.Sends - sendsBefore, Is.LessThan(burst / 2), "messages queued together share a Redis message");
            Assert.That(a.Sends - sendsBefore, Is.GreaterThanOrEqualTo(burst / RedisRelay.MaxMessagesPerSend), "at most MaxMessagesPerSend in one");
        });
    }

    [Test]
    public async Task ALargeBurst_IsSplitByBytes_AndStillArrivesWhole()
    {
        var (a, _, _, _, channel, atB) = await TwoNodesAsync();
        var sendsBefore = a.Sends;

        var text = new string('y', 64 * 1024);
        for (var i = 0; i < 20; i++)
            a.Publish(channel, new Note(i, text));

        await WaitForAsync(() => atB.Count >= 20, $"node B received {atB.Count} of 20");
        Assert.Multiple(() =>
        {
            Assert.That(atB.Select(n => n.N), Is.EqualTo(Enumerable.Range(0, 20)));
            Assert.That(atB.All(n => n.Text == text), Is.True);
            // 20 × 64 KiB cannot fit in messages capped at MaxBytesPerSend (a message closes once it passes the cap).
            Assert.That(a.Sends - sendsBefore, Is.GreaterThanOrEqualTo(20 * 64 * 1024 / (RedisRelay.MaxBytesPerSend + 64 * 1024 + 1024)));
        });
    }

    [Test]
    public async Task ASingleMessageFromANodeBeforeBatching_IsStillHandled()
    {
        var (a, _, _, redis, channel, atB) = await TwoNodesAsync();

        // The form a node before batching published: one body per Redis message.
        var old = $$$"""{"node":"{{{Guid.NewGuid()}}}","body":{"n":7,"text":"from an old node"}}""";
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), Encoding.UTF8.GetBytes(old));
        // And a message that is not JSON at all: dropped with a warning, the subscription keeps working.
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), "not json");
        a.Publish(channel, new Note(8, "after"));

        await WaitForAsync(() => atB.Count >= 2, $"node B received {atB.Count} of 2");
        Assert.That(atB.Select(n => (n.N, n.Text)), Is.EqualTo(new[] { (7, "from an old node"), (8, "after") }));
    }

    [Test]
    public async Task MessagesPublishedWhileRedisIsUnreachable_AreSkipped_NotQueued()
    {
        var (a, redis, _, _, channel, atB) = await TwoNodesAsync();
        var skippedBefore = a.Skipped;

        await ((ConnectionMultiplexer)redis).CloseAsync(allowCommandsToComplete: false);
        for (var i = 0; i < 10; i++)
            a.Publish(channel, new Note(i, "lost"));

        Assert.That(a.Skipped - skippedBefore, Is.EqualTo(10));
        await Task.Delay(300);
        Assert.That(atB, Is.Empty);
    }
}
