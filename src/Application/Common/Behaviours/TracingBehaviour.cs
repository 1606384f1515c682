using System.Collections;
using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using Multica.Application.Common.Observability;
using Multica.Application.Common.Security;

namespace Multica.Application.Common.Behaviours;

/// <summary>
/// One activity per mediator request (a child of the HTTP request's activity; database and Redis spans become its
/// children), tagged with the runtime, task and workspace ids the request names. The same ids are a log scope, so
/// every line written while the request runs carries them as fields. Without a trace listener the activity is
/// never created; the scope is one small object per request that names an id.
/// </summary>
public sealed class TracingBehaviour<TMessage, TResponse>(
    AccessScope access,
    ILogger<TracingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string ActivityName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var ids = RequestIds.Of(message);
        using var activity = MulticaMetrics.ActivitySource.StartActivity(ActivityName);
        using var scope = ids.IsEmpty ? null : logger.BeginScope(ids);
        if (activity is not null)
            ids.TagOnto(activity);
        try
        {
            var response = await next(message, cancellationToken);
            if (activity is not null)
            {
                // What the access check resolved (e.g. the workspace of a runtime-scoped request).
                if (ids.WorkspaceId is null && access.WorkspaceId is { } workspace)
                    activity.SetTag(RequestIds.WorkspaceKey, workspace.ToString());
                activity.SetStatus(ActivityStatusCode.Ok);
            }
            return response;
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            activity.AddTag("error.type", ex.GetType().Name);
            throw;
        }
    }
}

/// <summary>The runtime, task and workspace ids a request names, as log scope fields (snake_case, as upstream logs them).</summary>
public sealed class RequestIds : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string RuntimeKey = "runtime_id";
    public const string TaskKey = "task_id";
    public const string WorkspaceKey = "workspace_id";

    private static readonly RequestIds Empty = new(null, null, null);
    private readonly KeyValuePair<string, object?>[] _fields;

    private RequestIds(string? runtimeId, string? taskId, string? workspaceId)
    {
        RuntimeId = runtimeId;
        TaskId = taskId;
        WorkspaceId = workspaceId;
        var fields = new List<KeyValuePair<string, object?>>(3);
        if (runtimeId is not null) fields.Add(new(RuntimeKey, runtimeId));
        if (taskId is not null) fields.Add(new(TaskKey, taskId));
        if (workspaceId is not null) fields.Add(new(WorkspaceKey, workspaceId));
        _fields = fields.ToArray();
    }

    public string? RuntimeId { get; }
    public string? TaskId { get; }
    public string? WorkspaceId { get; }
    public bool IsEmpty => _fields.Length == 0;

    public static RequestIds Of(object message)
    {
        var runtime = (message as IDaemonRuntimeScoped)?.RuntimeId;
        var task = (message as IDaemonTaskScoped)?.TaskId;
        var workspace = (message as IDaemonWorkspaceScoped)?.WorkspaceId ?? (message as IWorkspaceMemberScoped)?.WorkspaceId;
        runtime = string.IsNullOrEmpty(runtime) ? null : runtime;
        task = string.IsNullOrEmpty(task) ? null : task;
        workspace = string.IsNullOrEmpty(workspace) ? null : workspace;
        return runtime is null && task is null && workspace is null ? Empty : new RequestIds(runtime, task, workspace);
    }

    public void TagOnto(System.Diagnostics.Activity activity)
    {
        foreach (var field in _fields)
            activity.SetTag(field.Key, field.Value);
    }

    public int Count => _fields.Length;
    public KeyValuePair<string, object?> this[int index] => _fields[index];
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_fields).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(" ", _fields.Select(f => $"{f.Key}={f.Value}"));
}
