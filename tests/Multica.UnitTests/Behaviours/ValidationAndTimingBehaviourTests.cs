using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moq;
using Multica.Application.Common.Behaviours;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Timing;
using NUnit.Framework;

namespace Multica.UnitTests.Behaviours;

public sealed class ValidationAndTimingBehaviourTests
{
    public sealed record Ping(string? Name) : IRequest<string>;

    private sealed class PingValidator : AbstractValidator<Ping>
    {
        public PingValidator() => RuleFor(x => x.Name).NotEmpty().WithMessage("name is required");
    }

    [Test]
    public void Validation_FirstFailure_Becomes400WithItsMessage()
    {
        var behaviour = new ValidationBehaviour<Ping, string>([new PingValidator()]);
        var called = false;
        var ex = Assert.ThrowsAsync<BadRequestException>(async () => await behaviour.Handle(new Ping(""),
            (_, _) => { called = true; return ValueTask.FromResult("x"); }, CancellationToken.None));
        Assert.That(ex!.Message, Is.EqualTo("name is required"));
        Assert.That(ex.StatusCode, Is.EqualTo(400));
        Assert.That(called, Is.False, "the handler must not run");
    }

    [Test]
    public async Task Validation_ValidRequest_ReachesHandler()
    {
        var behaviour = new ValidationBehaviour<Ping, string>([new PingValidator()]);
        Assert.That(await behaviour.Handle(new Ping("a"), (_, _) => ValueTask.FromResult("ok"), CancellationToken.None), Is.EqualTo("ok"));
    }

    [Test]
    public async Task Timing_PastThreshold_LogsOnceWithPhases()
    {
        var logger = new Mock<ILogger<TimingBehaviour<Ping, string>>>();
        logger.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);
        var timings = new RequestTimings();
        var behaviour = new TimingBehaviour<Ping, string>(timings, Options.Create(new SlowRequestOptions { ThresholdMs = 0 }), logger.Object);

        await behaviour.Handle(new Ping("a"), (_, _) =>
        {
            timings.Record("claim", TimeSpan.FromMilliseconds(12));
            return ValueTask.FromResult("ok");
        }, CancellationToken.None);

        logger.Verify(l => l.Log(LogLevel.Warning, It.IsAny<EventId>(),
            It.Is<It.IsAnyType>((state, _) => state.ToString()!.Contains("claim_ms=12.0") && state.ToString()!.Contains("Ping")),
            null, It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Once);
    }

    [Test]
    public async Task Timing_BelowThreshold_LogsNothing()
    {
        var logger = new Mock<ILogger<TimingBehaviour<Ping, string>>>();
        var behaviour = new TimingBehaviour<Ping, string>(new RequestTimings(), Options.Create(new SlowRequestOptions { ThresholdMs = 60_000 }), logger.Object);
        await behaviour.Handle(new Ping("a"), (_, _) => ValueTask.FromResult("ok"), CancellationToken.None);
        logger.Verify(l => l.Log(It.IsAny<LogLevel>(), It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<Exception?>(),
            It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Never);
    }

    [Test]
    public void UnhandledException_BecomesInternalError_AndIsLoggedWithDetail()
    {
        var logger = new Mock<ILogger<UnhandledExceptionBehaviour<Ping, string>>>();
        logger.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);
        var behaviour = new UnhandledExceptionBehaviour<Ping, string>(logger.Object, Mock.Of<Multica.Application.Common.Interfaces.IStorageOutage>());
        var boom = new InvalidOperationException("secret detail");

        var ex = Assert.ThrowsAsync<InternalErrorException>(async () =>
            await behaviour.Handle(new Ping("a"), (_, _) => throw boom, CancellationToken.None));
        Assert.That(ex!.Message, Is.EqualTo("internal error"));
        logger.Verify(l => l.Log(LogLevel.Error, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), boom,
            It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Once);
    }

    [Test]
    public void UnhandledException_LetsTypedErrorsThrough()
    {
        var behaviour = new UnhandledExceptionBehaviour<Ping, string>(Mock.Of<ILogger<UnhandledExceptionBehaviour<Ping, string>>>(), Mock.Of<Multica.Application.Common.Interfaces.IStorageOutage>());
        var ex = Assert.ThrowsAsync<NotFoundException>(async () =>
            await behaviour.Handle(new Ping("a"), (_, _) => throw new NotFoundException("task not found"), CancellationToken.None));
        Assert.That(ex!.Message, Is.EqualTo("task not found"));
    }

    [Test]
    public void DatabaseOutage_Becomes503DatabaseUnavailable_AndOneLogLinePerKind()
    {
        var outage = new Multica.Infrastructure.Persistence.StorageOutage(
            Mock.Of<ILogger<Multica.Infrastructure.Persistence.StorageOutage>>(), TimeProvider.System);
        var logger = new Mock<ILogger<UnhandledExceptionBehaviour<Ping, string>>>();
        var behaviour = new UnhandledExceptionBehaviour<Ping, string>(logger.Object, outage);
        var refused = new Npgsql.NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

        var ex = Assert.ThrowsAsync<ServiceUnavailableException>(async () =>
            await behaviour.Handle(new Ping("a"), (_, _) => throw new InvalidOperationException("wrapped", refused), CancellationToken.None));
        Assert.That(ex!.Message, Is.EqualTo("database unavailable"));
        Assert.That(ex.StatusCode, Is.EqualTo(503));
        logger.Verify(l => l.Log(LogLevel.Error, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<Exception?>(),
            It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Never, "no stack trace per request");
        Assert.That(outage.IsOutage(new InvalidOperationException("a bug")), Is.False);
    }
}
