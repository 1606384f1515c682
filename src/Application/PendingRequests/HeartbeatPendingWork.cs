using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Multica.Application.Common.Observability;
using Multica.Domain.Entities;

namespace Multica.Application.PendingRequests;

/// <summary>
/// Adds the pending_* keys to a heartbeat answer (docs/pending-requests.md). For each kind: a read-only
/// probe bounded to 1 s, then — only if the probe saw work — a claim that is not cancelled with the
/// request, so a claim that happened in the store is never lost half-way (the daemon is told about every
/// request it was handed). Failures are logged and never fail the heartbeat. With an
/// <see cref="IPendingWorkProbe"/> the four probes are one call under one bound, so a heartbeat with nothing
/// pending costs one store round trip.
/// </summary>
public sealed class HeartbeatPendingWork(
    IPendingRequestStore<RuntimeUpdateRequest> updates,
    IPendingRequestStore<ModelListRequest> modelLists,
    IPendingRequestStore<LocalSkillListRequest> skillLists,
    IPendingRequestStore<LocalSkillImportRequest> skillImports,
    ILogger<HeartbeatPendingWork> logger,
    IPendingWorkProbe? probe = null,
    NothingPendingMarks? nothingPending = null,
    PendingStoreBreaker? breaker = null) : IHeartbeatPendingWork
{
    private static readonly IReadOnlyDictionary<string, object> Nothing = new Dictionary<string, object>();

    public static readonly TimeSpan ProbeBound = TimeSpan.FromSeconds(1);
    private static readonly KeyValuePair<string, object?> OperationProbe = new("operation", "probe");
    private static readonly KeyValuePair<string, object?> OperationClaim = new("operation", "claim");

    public async Task<IReadOnlyDictionary<string, object>> CollectAsync(AgentRuntime runtime, CancellationToken ct)
    {
        // Nothing can be pending since the last empty probe (no create reached this node, by itself or relayed).
        if (nothingPending?.IsKnownEmpty(runtime.Id) == true)
            return Nothing;
        var version = nothingPending?.Version(runtime.Id) ?? 0;
        var runtimeId = runtime.Id.ToString();
        if (probe is not null)
        {
            var (found, empty) = await CollectProbedAsync(probe, runtimeId, ct);
            if (empty)
                nothingPending?.MarkEmpty(runtime.Id, version);
            return found;
        }
        var update = ProbeThenClaimAsync(updates, runtimeId, ct);
        var models = ProbeThenClaimAsync(modelLists, runtimeId, ct);
        var skills = ProbeThenClaimAsync(skillLists, runtimeId, ct);
        var import = ProbeThenClaimAsync(skillImports, runtimeId, ct);
        await Task.WhenAll(update, models, skills, import);
        return Describe(await update, await models, await skills, await import);
    }

    /// <summary>The pending_* keys; <c>Empty</c> is true only when the probe answered that nothing is pending.</summary>
    private async Task<(IReadOnlyDictionary<string, object> Found, bool Empty)> CollectProbedAsync(IPendingWorkProbe probe, string runtimeId,
        CancellationToken ct)
    {
        // A store that keeps running into the bound is not asked for a while (PendingStoreBreaker).
        if (breaker?.TryEnter() == false)
        {
            MulticaMetrics.PendingProbesSkipped.Add(1);
            return (Nothing, false);
        }
        var started = Stopwatch.GetTimestamp();
        IReadOnlyCollection<string> kinds;
        async Task<IReadOnlyCollection<string>> ProbeAsync()
        {
            using var probeBound = CancellationTokenSource.CreateLinkedTokenSource(ct);
            probeBound.CancelAfter(ProbeBound);
            return await probe.KindsWithPendingAsync(runtimeId, probeBound.Token).WaitAsync(probeBound.Token);
        }
        try
        {
            // Only the bound's cancellation is a timeout: the heartbeat's own (the client went away) says nothing about the store.
            kinds = breaker is null
                ? await ProbeAsync()
                : await breaker.RunAsync(ProbeAsync, ex => ex is OperationCanceledException && !ct.IsCancellationRequested);
        }
        catch (OperationCanceledException)
        {
            MulticaMetrics.PendingProbeTimeouts.Add(1, MulticaMetrics.Tag("kind", "all"));
            logger.LogWarning("HasPending timed out for runtime {RuntimeId} after {ElapsedMs} ms",
                runtimeId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return (Nothing, false);
        }
        catch (Exception ex)
        {
            MulticaMetrics.PendingStoreFailures.Add(1, MulticaMetrics.Tag("kind", "all"), OperationProbe);
            logger.LogWarning(ex, "HasPending failed for runtime {RuntimeId}", runtimeId);
            return (Nothing, false);
        }
        if (kinds.Count == 0)
            return (Nothing, true);

        var update = ClaimIfProbedAsync(updates, kinds, runtimeId);
        var models = ClaimIfProbedAsync(modelLists, kinds, runtimeId);
        var skills = ClaimIfProbedAsync(skillLists, kinds, runtimeId);
        var import = ClaimIfProbedAsync(skillImports, kinds, runtimeId);
        await Task.WhenAll(update, models, skills, import);
        return (Describe(await update, await models, await skills, await import), false);
    }

    private static IReadOnlyDictionary<string, object> Describe(
        RuntimeUpdateRequest? update, ModelListRequest? models, LocalSkillListRequest? skills, LocalSkillImportRequest? import)
    {
        var result = new Dictionary<string, object>();
        if (update is { } u)
            result["pending_update"] = new PendingUpdateDescriptor(u.Id, u.TargetVersion);
        if (models is { } m)
            result["pending_model_list"] = new PendingIdDescriptor(m.Id);
        if (skills is { } s)
            result["pending_local_skills"] = new PendingIdDescriptor(s.Id);
        // The optional name/description overrides are deliberately not sent to the daemon.
        if (import is { } i)
            result["pending_local_skill_import"] = new PendingImportDescriptor(i.Id, i.SkillKey);
        return result;
    }

    private async Task<T?> ProbeThenClaimAsync<T>(IPendingRequestStore<T> store, string runtimeId, CancellationToken ct) where T : PendingRequest
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var probeBound = CancellationTokenSource.CreateLinkedTokenSource(ct);
            probeBound.CancelAfter(ProbeBound);
            if (!await store.HasPendingAsync(runtimeId, probeBound.Token).WaitAsync(probeBound.Token))
                return null;
        }
        catch (OperationCanceledException)
        {
            MulticaMetrics.PendingProbeTimeouts.Add(1, MulticaMetrics.Tag("kind", store.Policy.Kind));
            logger.LogWarning("{Kind} HasPending timed out for runtime {RuntimeId} after {ElapsedMs} ms",
                store.Policy.Kind, runtimeId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return null;
        }
        catch (Exception ex)
        {
            MulticaMetrics.PendingStoreFailures.Add(1, MulticaMetrics.Tag("kind", store.Policy.Kind), OperationProbe);
            logger.LogWarning(ex, "{Kind} HasPending failed for runtime {RuntimeId}", store.Policy.Kind, runtimeId);
            return null;
        }

        return await ClaimAsync(store, runtimeId);
    }

    private Task<T?> ClaimIfProbedAsync<T>(IPendingRequestStore<T> store, IReadOnlyCollection<string> kinds, string runtimeId) where T : PendingRequest =>
        kinds.Contains(store.Policy.Kind) ? ClaimAsync(store, runtimeId) : Task.FromResult<T?>(null);

    private async Task<T?> ClaimAsync<T>(IPendingRequestStore<T> store, string runtimeId) where T : PendingRequest
    {
        try
        {
            // Deliberately not bound to the request: see the class comment.
            return await store.ClaimNextAsync(runtimeId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            MulticaMetrics.PendingStoreFailures.Add(1, MulticaMetrics.Tag("kind", store.Policy.Kind), OperationClaim);
            logger.LogWarning(ex, "{Kind} PopPending failed for runtime {RuntimeId}", store.Policy.Kind, runtimeId);
            return null;
        }
    }
}

public sealed record PendingIdDescriptor(string Id);

public sealed record PendingUpdateDescriptor(string Id, string TargetVersion);

public sealed record PendingImportDescriptor(string Id, string SkillKey);
