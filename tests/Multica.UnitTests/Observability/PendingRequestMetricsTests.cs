using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Multica.Application.Common.Observability;
using Multica.Application.PendingRequests;
using Multica.Domain.Entities;
using NUnit.Framework;

namespace Multica.UnitTests.Observability;

/// <summary>
/// Probe timeouts and store failures of the heartbeat's pending-request collection are counted by kind. Each test
/// uses kinds of its own, so measurements of other tests running at the same time never mix in.
/// </summary>
public sealed class PendingRequestMetricsTests
{
    private static Mock<IPendingRequestStore<T>> Store<T>(PendingRequestPolicy policy, string kind) where T : PendingRequest
    {
        var mock = new Mock<IPendingRequestStore<T>>();
        mock.SetupGet(s => s.Policy).Returns(policy with { Kind = kind });
        mock.Setup(s => s.HasPendingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);
        return mock;
    }

    private static List<(string Instrument, long Value, Dictionary<string, object?> Tags)> Listen(out MeterListener listener)
    {
        var seen = new List<(string, long, Dictionary<string, object?>)>();
        listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MulticaMetrics.MeterName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var dict = new Dictionary<string, object?>();
            foreach (var tag in tags)
                dict[tag.Key] = tag.Value;
            lock (seen)
                seen.Add((instrument.Name, value, dict));
        });
        listener.Start();
        return seen;
    }

    private static long Total(List<(string Instrument, long Value, Dictionary<string, object?> Tags)> seen, string instrument,
        string kind, string? operation = null)
    {
        lock (seen)
            return seen.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault("kind"), kind) &&
                                   (operation is null || Equals(m.Tags.GetValueOrDefault("operation"), operation)))
                .Sum(m => m.Value);
    }

    [Test]
    public async Task StalledProbe_CountsATimeout_FailingProbeAndClaim_CountStoreFailures()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        string stalled = "stalled_" + suffix, broken = "broken_" + suffix, claimFails = "claimfails_" + suffix, quiet = "quiet_" + suffix;
        var updates = Store<RuntimeUpdateRequest>(PendingRequestPolicy.RuntimeUpdate, stalled);
        updates.Setup(s => s.HasPendingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(new TaskCompletionSource<bool>().Task);
        var models = Store<ModelListRequest>(PendingRequestPolicy.ModelList, broken);
        models.Setup(s => s.HasPendingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("store down"));
        var lists = Store<LocalSkillListRequest>(PendingRequestPolicy.LocalSkillList, claimFails);
        lists.Setup(s => s.HasPendingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        lists.Setup(s => s.ClaimNextAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("store down"));
        var imports = Store<LocalSkillImportRequest>(PendingRequestPolicy.LocalSkillImport, quiet);

        var seen = Listen(out var listener);
        using (listener)
        {
            var work = new HeartbeatPendingWork(updates.Object, models.Object, lists.Object, imports.Object,
                NullLogger<HeartbeatPendingWork>.Instance);
            var result = await work.CollectAsync(new AgentRuntime { Id = Guid.NewGuid() }, CancellationToken.None);
            Assert.That(result, Is.Empty);
        }

        Assert.Multiple(() =>
        {
            Assert.That(Total(seen, "multica.pending_requests.probe_timeouts", stalled), Is.EqualTo(1));
            Assert.That(Total(seen, "multica.pending_requests.store_failures", broken, "probe"), Is.EqualTo(1));
            Assert.That(Total(seen, "multica.pending_requests.store_failures", claimFails, "claim"), Is.EqualTo(1));
            Assert.That(Total(seen, "multica.pending_requests.probe_timeouts", quiet), Is.Zero);
            Assert.That(Total(seen, "multica.pending_requests.store_failures", quiet), Is.Zero);
        });
    }
}
