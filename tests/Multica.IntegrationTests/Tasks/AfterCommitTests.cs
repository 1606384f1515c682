using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Tasks.StateMachine;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Tasks;

/// <summary>
/// Side effects of a transition wait for the outermost transaction: a rollback leaves no event and no
/// credential-cache eviction behind; a commit delivers both.
/// </summary>
public sealed class AfterCommitTests
{
    [TestCase(false)]
    [TestCase(true)]
    public async Task CancellingInsideAnOuterTransaction_HasSideEffectsOnlyWhenItCommits(bool commit)
    {
        var owner = await TestData.SignInAsync();
        var ws = await TestData.CreateWorkspaceAsync(owner.Client);
        var runtime = await DaemonSeed.RuntimeAsync(ws.Id, owner.Id);
        var agent = await DaemonSeed.AgentAsync(ws.Id, runtime, owner.Id);
        var issue = await DaemonSeed.IssueAsync(ws.Id, owner.Id, "in_progress");
        var task = await DaemonSeed.TaskAsync(agent, runtime, issue, "running", dispatchedAt: DateTime.UtcNow, startedAt: DateTime.UtcNow);
        var hash = "after-commit-" + Guid.NewGuid().ToString("N");
        await DaemonSeed.ExecAsync("""
            INSERT INTO task_token (token_hash, task_id, agent_id, workspace_id, user_id, expires_at)
            VALUES (@h, @t, @a, @w, @u, now() + interval '1 hour')
            """, ("h", hash), ("t", task), ("a", agent), ("w", ws.Id), ("u", owner.Id));

        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var transactions = scope.ServiceProvider.GetRequiredService<ITransactionRunner>();
        var credentials = new EvictionRecorder(scope.ServiceProvider.GetRequiredService<ICredentialStore>());
        var lifecycle = ActivatorUtilities.CreateInstance<TaskTransitionService>(scope.ServiceProvider, (ICredentialStore)credentials);

        var outer = transactions.RunAsync(async token =>
        {
            Assert.That(await lifecycle.CancelActiveAsync(issue, null, token), Is.EqualTo(1));
            Assert.That(credentials.Evicted, Is.Empty, "nothing is evicted before the commit");
            return commit ? true : throw new RolledBack();
        }, CancellationToken.None);
        if (commit)
            await outer;
        else
            Assert.ThrowsAsync<RolledBack>(async () => await outer);

        var cancelledEvents = TestEnvironment.Factory.Events.OfType("task:cancelled").Count(e => e.WorkspaceId == ws.Id);
        Assert.Multiple(async () =>
        {
            Assert.That(await DaemonSeed.ScalarAsync<string>("SELECT status FROM agent_task_queue WHERE id = @t", ("t", task)),
                Is.EqualTo(commit ? "cancelled" : "running"));
            Assert.That(cancelledEvents, Is.EqualTo(commit ? 1 : 0), "task:cancelled events");
            Assert.That(credentials.Evicted, commit ? Is.EqualTo(new[] { hash }) : Is.Empty, "evicted token hashes");
        });
    }

    private sealed class RolledBack : Exception;

    /// <summary>The real credential store, recording which token hashes were evicted.</summary>
    private sealed class EvictionRecorder(ICredentialStore inner) : ICredentialStore
    {
        private readonly ConcurrentQueue<string> _evicted = new();
        public IReadOnlyList<string> Evicted => _evicted.ToList();

        public ValueTask<PatCredential?> FindPersonalAccessTokenAsync(string tokenHash, CancellationToken ct) =>
            inner.FindPersonalAccessTokenAsync(tokenHash, ct);
        public ValueTask<DaemonCredential?> FindDaemonTokenAsync(string tokenHash, CancellationToken ct) =>
            inner.FindDaemonTokenAsync(tokenHash, ct);
        public ValueTask<TaskCredential?> FindTaskTokenAsync(string tokenHash, CancellationToken ct) => inner.FindTaskTokenAsync(tokenHash, ct);
        public void RecordPersonalAccessTokenUse(Guid tokenId) => inner.RecordPersonalAccessTokenUse(tokenId);

        public void Invalidate(string tokenHash)
        {
            _evicted.Enqueue(tokenHash);
            inner.Invalidate(tokenHash);
        }
    }
}
