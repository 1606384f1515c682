using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Multica.Domain.Entities;

namespace Multica.Application.PendingRequests;

/// <summary>
/// Adds the pending_* keys to a heartbeat answer (docs/pending-requests.md). For each kind: a read-only
/// probe bounded to 1 s, then — only if the probe saw work — a claim that is not cancelled with the
/// request, so a claim that happened in the store is never lost half-way (the daemon is told about every
/// request it was handed). Failures are logged and never fail the heartbeat.
/// </summary>
public sealed class HeartbeatPendingWork(
    IPendingRequestStore<RuntimeUpdateRequest> updates,
    IPendingRequestStore<ModelListRequest> modelLists,
    IPendingRequestStore<LocalSkillListRequest> skillLists,
    IPendingRequestStore<LocalSkillImportRequest> skillImports,
    ILogger<HeartbeatPendingWork> logger) : IHeartbeatPendingWork
{
    public static readonly TimeSpan ProbeBound = TimeSpan.FromSeconds(1);

    public async Task<IReadOnlyDictionary<string, object>> CollectAsync(AgentRuntime runtime, CancellationToken ct)
    {
        var runtimeId = runtime.Id.ToString();
        var update = ProbeThenClaimAsync(updates, runtimeId, ct);
        var models = ProbeThenClaimAsync(modelLists, runtimeId, ct);
        var skills = ProbeThenClaimAsync(skillLists, runtimeId, ct);
        var import = ProbeThenClaimAsync(skillImports, runtimeId, ct);
        await Task.WhenAll(update, models, skills, import);

        var result = new Dictionary<string, object>();
        if (await update is { } u)
            result["pending_update"] = new PendingUpdateDescriptor(u.Id, u.TargetVersion);
        if (await models is { } m)
            result["pending_model_list"] = new PendingIdDescriptor(m.Id);
        if (await skills is { } s)
            result["pending_local_skills"] = new PendingIdDescriptor(s.Id);
        // The optional name/description overrides are deliberately not sent to the daemon.
        if (await import is { } i)
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
            logger.LogWarning("{Kind} HasPending timed out for runtime {RuntimeId} after {ElapsedMs} ms",
                store.Policy.Kind, runtimeId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return null;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "{Kind} HasPending failed for runtime {RuntimeId}", store.Policy.Kind, runtimeId);
            return null;
        }

        try
        {
            // Deliberately not bound to the request: see the class comment.
            return await store.ClaimNextAsync(runtimeId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "{Kind} PopPending failed for runtime {RuntimeId}", store.Policy.Kind, runtimeId);
            return null;
        }
    }
}

public sealed record PendingIdDescriptor(string Id);

public sealed record PendingUpdateDescriptor(string Id, string TargetVersion);

public sealed record PendingImportDescriptor(string Id, string SkillKey);
