using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Multica.Application.PendingRequests;
using Multica.Domain.Entities;
using NUnit.Framework;

namespace Multica.UnitTests.PendingRequests;

public sealed class HeartbeatPendingWorkTests
{
    private static Mock<IPendingRequestStore<T>> Store<T>(PendingRequestPolicy policy) where T : PendingRequest
    {
        var mock = new Mock<IPendingRequestStore<T>>();
        mock.SetupGet(s => s.Policy).Returns(policy);
        mock.Setup(s => s.HasPendingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);
        return mock;
    }

    private sealed record Stores(
        Mock<IPendingRequestStore<RuntimeUpdateRequest>> Updates,
        Mock<IPendingRequestStore<ModelListRequest>> Models,
        Mock<IPendingRequestStore<LocalSkillListRequest>> Lists,
        Mock<IPendingRequestStore<LocalSkillImportRequest>> Imports)
    {
        public HeartbeatPendingWork Build(IPendingWorkProbe? probe = null, PendingStoreBreaker? breaker = null) =>
            new(Updates.Object, Models.Object, Lists.Object, Imports.Object, NullLogger<HeartbeatPendingWork>.Instance, probe, breaker: breaker);
    }

    private static Stores NewStores() => new(
        Store<RuntimeUpdateRequest>(PendingRequestPolicy.RuntimeUpdate), Store<ModelListRequest>(PendingRequestPolicy.ModelList),
        Store<LocalSkillListRequest>(PendingRequestPolicy.LocalSkillList), Store<LocalSkillImportRequest>(PendingRequestPolicy.LocalSkillImport));

    [Test]
    [Property("Id", "P19")]
    public async Task EmptyQueues_NeverInvokeTheClaim()
    {
        var stores = NewStores();
        var result = await stores.Build().CollectAsync(new AgentRuntime { Id = Guid.NewGuid() }, CancellationToken.None);
        Assert.That(result, Is.Empty);
        stores.Lists.Verify(s => s.ClaimNextAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        stores.Imports.Verify(s => s.ClaimNextAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        stores.Updates.Verify(s => s.ClaimNextAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    [Property("Id", "P18")]
    public async Task StalledProbes_AreBoundedToOneSecond_AndTheOthersStillDeliver()
    {
        var stores = NewStores();
        var runtime = new AgentRuntime { Id = Guid.NewGuid() };
        // Probes that never answer (a stalled Redis ignores the token).
        stores.Lists.Setup(s => s.HasPendingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(new TaskCompletionSource<bool>().Task);
        stores.Imports.Setup(s => s.HasPendingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(new TaskCompletionSource<bool>().Task);
        stores.Models.Setup(s => s.HasPendingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        stores.Models.Setup(s => s.ClaimNextAsync(runtime.Id.ToString(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ModelListRequest { Id = "abc", RuntimeId = runtime.Id.ToString(), Status = PendingStatus.Running });

        var watch = Stopwatch.StartNew();
        var result = await stores.Build().CollectAsync(runtime, CancellationToken.None);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(result.Keys, Is.EquivalentTo(new[] { "pending_model_list" }));
        Assert.That(((PendingIdDescriptor)result["pending_model_list"]).Id, Is.EqualTo("abc"));
    }

    [Test]
    public async Task TheClaim_IsNotCancelledWithTheRequest()
    {
        var stores = NewStores();
        var runtime = new AgentRuntime { Id = Guid.NewGuid() };
        stores.Imports.Setup(s => s.HasPendingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        CancellationToken seen = default;
        stores.Imports.Setup(s => s.ClaimNextAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<string, CancellationToken>((_, ct) => seen = ct)
            .ReturnsAsync(new LocalSkillImportRequest { Id = "i1", SkillKey = "k", Name = "secret override" });

        var result = await stores.Build().CollectAsync(runtime, new CancellationTokenSource().Token);
        Assert.That(seen.CanBeCanceled, Is.False);
        var descriptor = (PendingImportDescriptor)result["pending_local_skill_import"];
        Assert.That(descriptor, Is.EqualTo(new PendingImportDescriptor("i1", "k")));
    }

    [Test]
    public async Task AFailingStore_NeverFailsTheHeartbeat()
    {
        var stores = NewStores();
        stores.Updates.Setup(s => s.HasPendingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("down"));
        stores.Lists.Setup(s => s.HasPendingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        stores.Lists.Setup(s => s.ClaimNextAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("down"));
        var result = await stores.Build().CollectAsync(new AgentRuntime { Id = Guid.NewGuid() }, CancellationToken.None);
        Assert.That(result, Is.Empty);
    }

    private static Mock<IPendingWorkProbe> Probe(params string[] kinds)
    {
        var probe = new Mock<IPendingWorkProbe>();
        probe.Setup(p => p.KindsWithPendingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(kinds);
        return probe;
    }

    [Test]
    public async Task WithAProbe_NothingPending_IsOneProbeAndNoStoreCall()
    {
        var stores = NewStores();
        var probe = Probe();
        var runtime = new AgentRuntime { Id = Guid.NewGuid() };
        var result = await stores.Build(probe.Object).CollectAsync(runtime, CancellationToken.None);
        Assert.That(result, Is.Empty);
        probe.Verify(p => p.KindsWithPendingAsync(runtime.Id.ToString(), It.IsAny<CancellationToken>()), Times.Once);
        foreach (var store in new Mock[] { stores.Updates, stores.Models, stores.Lists, stores.Imports })
            Assert.That(store.Invocations.Where(i => i.Method.Name != "get_Policy"), Is.Empty);
    }

    [Test]
    public async Task WithAProbe_OnlyTheProbedKindsAreClaimed()
    {
        var stores = NewStores();
        var runtime = new AgentRuntime { Id = Guid.NewGuid() };
        stores.Updates.Setup(s => s.ClaimNextAsync(runtime.Id.ToString(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RuntimeUpdateRequest { Id = "u1", TargetVersion = "1.2.3", RuntimeId = runtime.Id.ToString() });
        stores.Lists.Setup(s => s.ClaimNextAsync(runtime.Id.ToString(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new LocalSkillListRequest { Id = "l1", RuntimeId = runtime.Id.ToString() });
        var probe = Probe(PendingRequestPolicy.RuntimeUpdate.Kind, PendingRequestPolicy.LocalSkillList.Kind);

        var result = await stores.Build(probe.Object).CollectAsync(runtime, CancellationToken.None);
        Assert.That(result.Keys, Is.EquivalentTo(new[] { "pending_update", "pending_local_skills" }));
        Assert.That(result["pending_update"], Is.EqualTo(new PendingUpdateDescriptor("u1", "1.2.3")));
        stores.Models.Verify(s => s.ClaimNextAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        stores.Imports.Verify(s => s.ClaimNextAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task WithAProbe_AStalledOrFailingProbe_NeverFailsTheHeartbeat()
    {
        var stores = NewStores();
        var stalled = new Mock<IPendingWorkProbe>();
        stalled.Setup(p => p.KindsWithPendingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(new TaskCompletionSource<IReadOnlyCollection<string>>().Task);
        Assert.That(await stores.Build(stalled.Object).CollectAsync(new AgentRuntime { Id = Guid.NewGuid() }, CancellationToken.None), Is.Empty);

        var failing = new Mock<IPendingWorkProbe>();
        failing.Setup(p => p.KindsWithPendingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("down"));
        Assert.That(await stores.Build(failing.Object).CollectAsync(new AgentRuntime { Id = Guid.NewGuid() }, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task WithABreaker_AProbeThatKeepsStalling_IsSkipped_UntilATrialAnswers()
    {
        var stores = NewStores();
        var time = new FakeTimeProvider();
        var breaker = new PendingStoreBreaker(time);
        var stalled = true;
        var probe = new Mock<IPendingWorkProbe>();
        probe.Setup(p => p.KindsWithPendingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(() => stalled ? new TaskCompletionSource<IReadOnlyCollection<string>>().Task : Task.FromResult<IReadOnlyCollection<string>>([]));
        var work = stores.Build(probe.Object, breaker);
        var runtime = new AgentRuntime { Id = Guid.NewGuid() };
        int Probes() => probe.Invocations.Count;

        // Each stalled probe waits out its 1 s bound; the third in a row opens the breaker.
        for (var i = 0; i < PendingStoreBreaker.TripAfter; i++)
            Assert.That(await work.CollectAsync(runtime, CancellationToken.None), Is.Empty);
        Assert.That((breaker.IsOpen, Probes()), Is.EqualTo((true, PendingStoreBreaker.TripAfter)));

        // Open: answered at once, without asking the store.
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
            Assert.That(await work.CollectAsync(runtime, CancellationToken.None), Is.Empty);
        Assert.That(Probes(), Is.EqualTo(PendingStoreBreaker.TripAfter), "no probe while open");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "none waited for the bound");

        // After the open period one trial probes; it stalls again, so the breaker opens again at once.
        time.Advance(PendingStoreBreaker.OpenFor);
        await work.CollectAsync(runtime, CancellationToken.None);
        Assert.That((breaker.IsOpen, Probes()), Is.EqualTo((true, PendingStoreBreaker.TripAfter + 1)));
        await work.CollectAsync(runtime, CancellationToken.None);
        Assert.That(Probes(), Is.EqualTo(PendingStoreBreaker.TripAfter + 1), "reopened by the failed trial");

        // The store answers again: the next trial closes it, and every heartbeat probes again.
        stalled = false;
        time.Advance(PendingStoreBreaker.OpenFor);
        await work.CollectAsync(runtime, CancellationToken.None);
        Assert.That(breaker.IsOpen, Is.False);
        await work.CollectAsync(runtime, CancellationToken.None);
        Assert.That(Probes(), Is.EqualTo(PendingStoreBreaker.TripAfter + 3));
    }

    [Test]
    public void Breaker_OnlyConsecutiveTimeoutsTrip_AndOneTrialAtATime()
    {
        var time = new FakeTimeProvider();
        var breaker = new PendingStoreBreaker(time);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < PendingStoreBreaker.TripAfter - 1; i++)
            {
                Assert.That(breaker.TryEnter(), Is.True);
                breaker.Record(timedOut: true);
            }
            Assert.That(breaker.TryEnter(), Is.True);
            breaker.Record(timedOut: false);
        }
        Assert.That(breaker.IsOpen, Is.False, "an answer in between resets the count");

        for (var i = 0; i < PendingStoreBreaker.TripAfter; i++)
            breaker.Record(timedOut: true);
        Assert.That(breaker.TryEnter(), Is.False);
        time.Advance(PendingStoreBreaker.OpenFor);
        Assert.That(breaker.TryEnter(), Is.True, "the trial");
        Assert.That(breaker.TryEnter(), Is.False, "only one trial at a time");
        breaker.Release();
        Assert.That(breaker.TryEnter(), Is.True, "a trial whose heartbeat was cancelled hands over to the next");
        breaker.Record(timedOut: false);
        Assert.That((breaker.IsOpen, breaker.TryEnter()), Is.EqualTo((false, true)));
    }
}
