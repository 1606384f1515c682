using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.DaemonProtocol.Sweeper.SweepStaleWork;
using Multica.Application.Runtimes;
using Multica.IntegrationTests.Support;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.DaemonProtocol.Sweeper;

/// <summary>
/// Coalesced heartbeats against the sweeper (docs/daemon-protocol.md, "Coalesced heartbeats"). A stored
/// last_seen_at an hour old stands for "the database has not been written since": the runtime's later
/// heartbeats sit in the node's buffer. Sweeps touch every workspace, so this fixture never runs beside others.
/// </summary>
[NonParallelizable]
public sealed class CoalescedHeartbeatTests
{
    private static async Task SweepAsync()
    {
        await using var scope = TestEnvironment.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SweepStaleWorkCommand());
    }

    private static IRuntimeLiveness Liveness => TestEnvironment.Factory.Services.GetRequiredService<IRuntimeLiveness>();

    private static Task HeartbeatAsync(DaemonWorld w) =>
        w.Daemon.PostAsync("/api/daemon/heartbeat", new { runtime_id = w.Runtime }).ExpectAsync(HttpStatusCode.OK);

    private static Task AgeLastSeenAsync(DaemonWorld w) =>
        ExecAsync("UPDATE agent_runtime SET last_seen_at = now() - interval '1 hour' WHERE id = @id", ("id", w.RuntimeId));

    private static Task<string> StatusAsync(DaemonWorld w) =>
        ScalarAsync<string>("SELECT status FROM agent_runtime WHERE id = @id", ("id", w.RuntimeId));

    private static Task<bool> SeenRecentlyAsync(DaemonWorld w) =>
        ScalarAsync<bool>("SELECT last_seen_at > now() - interval '1 minute' FROM agent_runtime WHERE id = @id", ("id", w.RuntimeId));

    [Test]
    public async Task RuntimeThatHeartbeats_IsNeverSwept_EvenBeforeItsHeartbeatIsFlushed()
    {
        var w = await WorldAsync();
        await HeartbeatAsync(w); // registered on this node: coalesced from the first heartbeat
        await AgeLastSeenAsync(w);
        await HeartbeatAsync(w); // buffered

        await SweepAsync();

        Assert.That(await StatusAsync(w), Is.EqualTo("online"), "the sweep writes buffered heartbeats before judging staleness");
        Assert.That(await SeenRecentlyAsync(w), Is.True);
    }

    [Test]
    public async Task RegistrationOnThisNode_CoalescesTheFirstHeartbeat()
    {
        var w = await WorldAsync(); // the registration committed the row online on this node
        // Set offline behind the node's back: the exact write would set it online again, a buffered heartbeat
        // cannot (a flush, the background one included, refreshes online rows only). So the answer does not
        // depend on whether the background flush runs between the heartbeat and the read.
        await ExecAsync("UPDATE agent_runtime SET status = 'offline' WHERE id = @id", ("id", w.RuntimeId));
        await HeartbeatAsync(w);

        Assert.That(await StatusAsync(w), Is.EqualTo("offline"), "the first heartbeat after a registration here is buffered, not written");
    }

    [Test]
    public async Task RegistrationOnThisNode_TheSweepCountsTheBufferedFirstHeartbeat()
    {
        var w = await WorldAsync();
        await AgeLastSeenAsync(w);
        await HeartbeatAsync(w); // buffered (see the test above)

        await SweepAsync();

        Assert.That(await StatusAsync(w), Is.EqualTo("online"), "the sweep writes the buffered heartbeat before judging staleness");
        Assert.That(await SeenRecentlyAsync(w), Is.True);
    }

    [Test]
    public async Task RuntimeThatStops_IsSweptWithinTheWindow_AndItsNextHeartbeatRevivesItAtOnce()
    {
        var w = await WorldAsync();
        await HeartbeatAsync(w);
        await HeartbeatAsync(w);
        await Liveness.FlushAsync(CancellationToken.None);
        await AgeLastSeenAsync(w); // then silence: no heartbeat for longer than the window

        await SweepAsync();
        Assert.That(await StatusAsync(w), Is.EqualTo("offline"));

        await HeartbeatAsync(w);
        Assert.That(await StatusAsync(w), Is.EqualTo("online"), "a swept runtime's heartbeat is written at once, not buffered");
        Assert.That(await SeenRecentlyAsync(w), Is.True);
    }

    [Test]
    public async Task Flush_WritesBufferedHeartbeats()
    {
        var w = await WorldAsync();
        await HeartbeatAsync(w);
        await AgeLastSeenAsync(w);
        await HeartbeatAsync(w);

        await Liveness.FlushAsync(CancellationToken.None);

        Assert.That(await SeenRecentlyAsync(w), Is.True);
        Assert.That(await StatusAsync(w), Is.EqualTo("online"));
    }

    [Test]
    public async Task BufferedHeartbeat_DoesNotReviveADeregisteredRuntime()
    {
        var w = await WorldAsync();
        await HeartbeatAsync(w);
        await HeartbeatAsync(w); // buffered, older than the deregister below
        await w.Daemon.PostAsync("/api/daemon/deregister", new { runtime_ids = new[] { w.Runtime } }).ExpectAsync(HttpStatusCode.OK);

        await Liveness.FlushAsync(CancellationToken.None);

        Assert.That(await StatusAsync(w), Is.EqualTo("offline"));
    }

    [Test]
    public async Task BufferedHeartbeat_OfARuntimeSetOfflineElsewhere_IsDropped_AndTheNextOneRevivesIt()
    {
        var w = await WorldAsync();
        await HeartbeatAsync(w);
        // Another node's sweeper (or deregister) set it offline: this node still believes it online.
        await ExecAsync("UPDATE agent_runtime SET status = 'offline', updated_at = now() WHERE id = @id", ("id", w.RuntimeId));
        await HeartbeatAsync(w); // buffered

        await Liveness.FlushAsync(CancellationToken.None);
        Assert.That(await StatusAsync(w), Is.EqualTo("offline"), "the flush refreshes online rows only");

        await HeartbeatAsync(w);
        Assert.That(await StatusAsync(w), Is.EqualTo("online"), "after a dropped flush the next heartbeat is written at once");
    }
}
