using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Caching;

namespace Multica.Application.Tasks.Claiming;

/// <summary>
/// Per-runtime "nothing is waiting here" marks, so an empty claim poll can answer without the database
/// (docs/daemon-protocol.md, "Empty polls"). A mark means: this runtime had no queued or dispatched task
/// when it was set, and no task has been inserted for it since, as far as this node has heard:
/// <list type="bullet">
/// <item>only inserts put a task into a waiting status (no transition leads back to queued or dispatched),
///   and every insert invalidates the runtime's mark, before and after its commit;</item>
/// <item>the task wake-up (<c>IDaemonWakeups.TaskAvailable</c>) invalidates it too: that hint is what a
///   multi-node deployment relays to every node, so an enqueue on another node clears this node's mark;</item>
/// <item>the mark lives at most <c>Tasks:EmptyPollMarkSeconds</c> (default 30 s, one slow daemon poll
///   interval): the bound on the delay should another node enqueue while only that node had lost its link.</item>
/// </list>
/// The version, suspension and lifetime rules are those of <see cref="RuntimeEmptinessMarks"/>.
/// <para>It also remembers which runtimes' last claim on this node handed out a task, for the order of a poll's
/// reads (<see cref="PollingClaimer"/>, where that rule lives).</para>
/// </summary>
public sealed class EmptyQueueMarks(TimeProvider time, IOptions<TaskOptions> options) : RuntimeEmptinessMarks(time, options)
{
    private readonly ConcurrentDictionary<Guid, byte> _lastClaimFoundWork = new();

    /// <summary>
    /// A task row was written for this runtime in a waiting status (every insert calls this once its statement has
    /// run): the mark is cleared now and again once the row is visible, after the caller's commit, so a poll that read
    /// the queue before that commit cannot leave a mark behind.
    /// </summary>
    public void TaskInserted(Guid runtimeId, ITransactionRunner transactions)
    {
        Invalidate(runtimeId);
        transactions.AfterCommit(() => Invalidate(runtimeId));
    }

    /// <summary>Whether this runtime's last claim here handed out a task (so a probe would likely find work).</summary>
    public bool LastClaimFoundWork(Guid runtimeId) => _lastClaimFoundWork.ContainsKey(runtimeId);

    /// <summary>Records the outcome of a claim; only runtimes that just received work are kept.</summary>
    public void RecordClaim(Guid runtimeId, bool foundWork)
    {
        if (foundWork)
            _lastClaimFoundWork[runtimeId] = 0;
        else
            _lastClaimFoundWork.TryRemove(runtimeId, out _);
    }
}
