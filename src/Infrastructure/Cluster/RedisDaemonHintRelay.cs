using Multica.Application.Common.Caching;
using Multica.Application.PendingRequests;
using Multica.Application.Tasks.Claiming;
using Microsoft.Extensions.Hosting;
using Multica.Application.Common.Interfaces;
using Multica.Application.DaemonProtocol.Socket;
using Multica.Infrastructure.DaemonSocket;

namespace Multica.Infrastructure.Cluster;

/// <summary>
/// Daemon hints for several nodes: each hint is delivered to this node's daemon sockets at once and relayed
/// to every other node, whose <see cref="LocalDaemonHub"/> delivers it to the sockets it holds (usually
/// none). Hints are advisory: a lost one costs the daemon one poll interval, never a task. While the link is
/// down this node's empty-poll marks are suspended (a wake-up from another node could be missed), and they
/// start afresh when it is back.
/// </summary>
public sealed class RedisDaemonHintRelay(LocalDaemonHub local, RedisRelay relay, EmptyQueueMarks emptyQueues,
    NothingPendingMarks nothingPending)
    : IDaemonPush, IDaemonWakeups, IHostedService
{
    public void TaskAvailable(Guid runtimeId, Guid? taskId = null)
    {
        local.TaskAvailable(runtimeId, taskId);
        relay.Publish(RedisRelay.DaemonHintsChannel, new Hint(HintKind.TaskAvailable, RuntimeId: runtimeId, TaskId: taskId));
    }

    public void PendingWork(Guid runtimeId, string kind)
    {
        local.PendingWork(runtimeId, kind);
        relay.Publish(RedisRelay.DaemonHintsChannel, new Hint(HintKind.PendingWork, RuntimeId: runtimeId, PendingKind: kind));
    }

    public void WorkspacesChangedForUser(Guid userId)
    {
        local.WorkspacesChangedForUser(userId);
        relay.Publish(RedisRelay.DaemonHintsChannel, new Hint(HintKind.WorkspacesChangedForUser, UserId: userId));
    }

    public void WorkspacesChangedForWorkspace(Guid workspaceId)
    {
        local.WorkspacesChangedForWorkspace(workspaceId);
        relay.Publish(RedisRelay.DaemonHintsChannel, new Hint(HintKind.WorkspacesChangedForWorkspace, WorkspaceId: workspaceId));
    }

    public void RuntimeProfilesChanged(Guid workspaceId, Guid? runtimeProfileId = null)
    {
        local.RuntimeProfilesChanged(workspaceId, runtimeProfileId);
        relay.Publish(RedisRelay.DaemonHintsChannel, new Hint(HintKind.RuntimeProfilesChanged, WorkspaceId: workspaceId, RuntimeProfileId: runtimeProfileId));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        relay.OnLinkChanged(up =>
        {
            foreach (var marks in new RuntimeEmptinessMarks[] { emptyQueues, nothingPending })
            {
                if (up)
                    marks.Resume();
                else
                    marks.Suspend();
            }
        });
        relay.Subscribe<Hint>(RedisRelay.DaemonHintsChannel, Deliver);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Deliver(Hint hint)
    {
        switch (hint.Kind)
        {
            case HintKind.TaskAvailable when hint.RuntimeId is { } runtime:
                local.TaskAvailable(runtime, hint.TaskId);
                break;
            case HintKind.PendingWork when hint.RuntimeId is { } runtime && hint.PendingKind is { } kind:
                local.PendingWork(runtime, kind);
                break;
            case HintKind.WorkspacesChangedForUser when hint.UserId is { } user:
                local.WorkspacesChangedForUser(user);
                break;
            case HintKind.WorkspacesChangedForWorkspace when hint.WorkspaceId is { } workspace:
                local.WorkspacesChangedForWorkspace(workspace);
                break;
            case HintKind.RuntimeProfilesChanged when hint.WorkspaceId is { } workspace:
                local.RuntimeProfilesChanged(workspace, hint.RuntimeProfileId);
                break;
        }
    }

    private enum HintKind { TaskAvailable, PendingWork, WorkspacesChangedForUser, WorkspacesChangedForWorkspace, RuntimeProfilesChanged }

    private sealed record Hint(HintKind Kind, Guid? RuntimeId = null, Guid? TaskId = null, string? PendingKind = null,
        Guid? UserId = null, Guid? WorkspaceId = null, Guid? RuntimeProfileId = null);
}
