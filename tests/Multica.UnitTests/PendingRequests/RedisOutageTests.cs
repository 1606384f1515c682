using Microsoft.Extensions.Time.Testing;
using Moq;
using Multica.Application.PendingRequests;
using Multica.Infrastructure.PendingRequests;
using NUnit.Framework;
using StackExchange.Redis;

namespace Multica.UnitTests.PendingRequests;

/// <summary>
/// While Redis is disconnected the store fails at once instead of waiting out the client timeout; while it is connected
/// but keeps timing out, the breaker stops asking it for a while.
/// </summary>
public sealed class RedisOutageTests
{
    [Test]
    public void DisconnectedRedis_FailsAtOnce_WithoutIssuingACommand()
    {
        var redis = new Mock<IConnectionMultiplexer>(MockBehavior.Strict);
        redis.SetupGet(r => r.IsConnected).Returns(false);
        var store = new RedisPendingRequestStore<ModelListRequest>(redis.Object, PendingRequestPolicy.ModelList, TimeProvider.System);

        Assert.ThrowsAsync<RedisConnectionException>(() => store.HasPendingAsync(Guid.NewGuid().ToString(), CancellationToken.None));
        Assert.ThrowsAsync<RedisConnectionException>(() => store.GetAsync(Guid.NewGuid().ToString(), CancellationToken.None));
        redis.Verify(r => r.GetDatabase(It.IsAny<int>(), It.IsAny<object?>()), Times.Never);
    }

    [Test]
    public async Task RedisThatKeepsTimingOut_IsNotAskedWhileTheBreakerIsOpen_AndATrialThatAnswersClosesIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
        var breaker = new PendingStoreBreaker(time);
        var stalled = true;
        var calls = 0;
        var db = new Mock<IDatabase>(MockBehavior.Strict);
        db.Setup(d => d.ScriptEvaluateAsync(It.IsAny<string>(), It.IsAny<RedisKey[]>(), It.IsAny<RedisValue[]>(), It.IsAny<CommandFlags>()))
            .Returns(() =>
            {
                calls++;
                return stalled
                    ? Task.FromException<RedisResult>(new RedisTimeoutException(CommandFlags.None, "timeout", CommandStatus.Sent))
                    : Task.FromResult(RedisResult.Create((RedisValue)1));
            });
        var redis = new Mock<IConnectionMultiplexer>(MockBehavior.Strict);
        redis.SetupGet(r => r.IsConnected).Returns(true);
        redis.Setup(r => r.GetDatabase(It.IsAny<int>(), It.IsAny<object?>())).Returns(db.Object);
        var store = new RedisPendingRequestStore<ModelListRequest>(redis.Object, PendingRequestPolicy.ModelList, time, "mul:", breaker);
        Task<bool> Create() => store.TryCreateAsync(new ModelListRequest
        {
            Id = PendingRequest.NewId(), RuntimeId = Guid.NewGuid().ToString(), CreatedAt = time.GetUtcNow().UtcDateTime,
            UpdatedAt = time.GetUtcNow().UtcDateTime,
        }, CancellationToken.None);

        for (var i = 0; i < PendingStoreBreaker.TripAfter; i++)
            Assert.ThrowsAsync<RedisTimeoutException>(Create);
        Assert.That((breaker.IsOpen, calls), Is.EqualTo((true, PendingStoreBreaker.TripAfter)), "opened after the timeouts in a row");

        Assert.ThrowsAsync<RedisTimeoutException>(Create, "refused with the timeout's own exception");
        Assert.ThrowsAsync<RedisTimeoutException>(() => store.GetAsync(Guid.NewGuid().ToString(), CancellationToken.None));
        Assert.That(calls, Is.EqualTo(PendingStoreBreaker.TripAfter), "Redis was not asked while the breaker was open");

        time.Advance(PendingStoreBreaker.OpenFor);
        stalled = false;
        Assert.That(await Create(), Is.True, "the trial went to Redis");
        Assert.That((breaker.IsOpen, calls), Is.EqualTo((false, PendingStoreBreaker.TripAfter + 1)), "its answer closed the breaker");
    }
}
