using Moq;
using Multica.Application.PendingRequests;
using Multica.Infrastructure.PendingRequests;
using NUnit.Framework;
using StackExchange.Redis;

namespace Multica.UnitTests.PendingRequests;

/// <summary>While Redis is disconnected the store fails at once instead of waiting out the client timeout.</summary>
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
}
