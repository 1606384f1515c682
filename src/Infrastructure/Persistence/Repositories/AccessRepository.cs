using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Multica.Application.Common;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Entities;

namespace Multica.Infrastructure.Persistence.Repositories;

/// <summary>
/// The access checks' reads, most of them answered from memory. The database context is taken from the request's scope
/// only when a check misses the cache (<see cref="ScopedLazy{T}"/>): a daemon route served from memory, such as most
/// heartbeats, then never rents a pooled context (docs/benchmarks.md, twelfth stop).
/// </summary>
public sealed class AccessRepository(Lazy<MulticaDbContext> db, IMemoryCache cache, IOptions<AuthOptions> options) : IAccessRepository
{
    private MulticaDbContext Db => db.Value;

    // A primary-key lookup on its generic plan (GenericPlanInterceptor): every socket handshake and every cache
    // miss of a daemon route runs it; planned on every call it took 0.28 ms to plan against 0.11 ms to run
    // (docs/benchmarks.md, fifth stop).
    public Task<AgentRuntime?> FindRuntimeAsync(Guid runtimeId, CancellationToken ct) => RuntimeById(Db, runtimeId, ct);

    private static readonly Func<MulticaDbContext, Guid, CancellationToken, Task<AgentRuntime?>> RuntimeById =
        EF.CompileAsyncQuery((MulticaDbContext db, Guid runtimeId, CancellationToken ct) => db.AgentRuntimes.AsNoTracking()
            .TagWith(GenericPlanInterceptor.Tag)
            .FirstOrDefault(r => r.Id == runtimeId));

    public Task<AgentRuntime?> FindDaemonRuntimeAsync(Guid runtimeId, CancellationToken ct) =>
        CachedAsync(RuntimeKey(runtimeId), () => FindRuntimeAsync(runtimeId, ct));

    /// <summary>
    /// The access caches (runtimes, task identities, memberships): a hit, or the load. Only positive answers are
    /// kept, so something created a moment ago is never refused; what is kept lives <c>Auth:CacheTtlSeconds</c>.
    /// </summary>
    private async Task<T?> CachedAsync<T>(string key, Func<Task<T?>> load) where T : class
    {
        if (cache.TryGetValue(key, out T? cached))
            return cached;
        var value = await load();
        if (value is not null)
            Remember(key, value);
        return value;
    }

    private void Remember(string key, object value)
    {
        if (options.Value.CacheTtlSeconds > 0)
            cache.Set(key, value, TimeSpan.FromSeconds(options.Value.CacheTtlSeconds));
    }

    public void EvictRuntime(Guid runtimeId) => cache.Remove(RuntimeKey(runtimeId));

    private static string RuntimeKey(Guid runtimeId) => $"runtime:{runtimeId}";

    // On its generic plan (GenericPlanInterceptor): planning its five primary-key lookups took six times longer
    // than running them (docs/benchmarks.md).
    public async Task<(AgentTask Task, Guid? WorkspaceId)?> FindTaskWithWorkspaceAsync(Guid taskId, CancellationToken ct)
    {
        var row = await TaskWithWorkspace(Db, taskId, ct);
        return row is null ? null : (row.Task, row.WorkspaceId);
    }

    // What is cached never changes, so no write evicts it (docs/daemon-protocol.md, "Task access from memory").
    public Task<TaskRef?> FindTaskRefAsync(Guid taskId, CancellationToken ct) =>
        CachedAsync(TaskRefKey(taskId), async () =>
            await FindTaskWithWorkspaceAsync(taskId, ct) is { WorkspaceId: { } workspaceId } found
                ? TaskRef.Of(found.Task, workspaceId)
                : null);

    public void RememberTaskRef(TaskRef task) => Remember(TaskRefKey(task.Id), task);

    private static string TaskRefKey(Guid taskId) => $"task:{taskId}";

    private sealed record TaskAccessRow(AgentTask Task, Guid? WorkspaceId);

    // One round trip: the task plus its workspace via issue, else chat session, else autopilot run. Compiled
    // once: every task-scoped daemon request (start, messages, usage, complete, ...) runs it.
    private static readonly Func<MulticaDbContext, Guid, CancellationToken, Task<TaskAccessRow?>> TaskWithWorkspace =
        EF.CompileAsyncQuery((MulticaDbContext db, Guid taskId, CancellationToken ct) => db.Tasks.AsNoTracking()
            .TagWith(GenericPlanInterceptor.Tag)
            .Where(t => t.Id == taskId)
            .Select(t => new TaskAccessRow(
                t,
                db.Issues.Where(i => i.Id == t.IssueId).Select(i => (Guid?)i.WorkspaceId).FirstOrDefault()
                    ?? db.ChatSessions.Where(c => c.Id == t.ChatSessionId).Select(c => (Guid?)c.WorkspaceId).FirstOrDefault()
                    ?? db.AutopilotRuns.Where(r => r.Id == t.AutopilotRunId)
                        .Join(db.Autopilots, r => r.AutopilotId, a => a.Id, (r, a) => (Guid?)a.WorkspaceId)
                        .FirstOrDefault()))
            .FirstOrDefault());

    public Task<Member?> FindMembershipAsync(Guid userId, Guid workspaceId, CancellationToken ct) =>
        CachedAsync($"member:{userId}:{workspaceId}", () => Db.Members.AsNoTracking()
            .FirstOrDefaultAsync(m => m.UserId == userId && m.WorkspaceId == workspaceId, ct));

    public Task<Guid?> FindWorkspaceIdBySlugAsync(string slug, CancellationToken ct) =>
        Db.Workspaces.AsNoTracking().Where(w => w.Slug == slug).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct);

    public async Task<(Guid WorkspaceId, Guid CreatorId)?> FindChatSessionOwnerAsync(Guid chatSessionId, CancellationToken ct)
    {
        var row = await Db.ChatSessions.AsNoTracking().Where(c => c.Id == chatSessionId)
            .Select(c => new { c.WorkspaceId, c.CreatorId }).FirstOrDefaultAsync(ct);
        return row is null ? null : (row.WorkspaceId, row.CreatorId);
    }

    /// <summary>Drops a cached membership (member removed or role changed).</summary>
    public static void InvalidateMembership(IMemoryCache cache, Guid userId, Guid workspaceId) =>
        cache.Remove($"member:{userId}:{workspaceId}");
}
