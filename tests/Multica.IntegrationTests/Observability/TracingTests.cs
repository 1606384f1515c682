using System.Diagnostics;
using System.Net;
using System.Text;
using Multica.Application.Common.Observability;
using Multica.IntegrationTests.DaemonProtocol;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Observability;

/// <summary>
/// With a listener attached (what the OTLP exporter is), a claim produces one mediator activity in the caller's trace,
/// tagged with the runtime id, and the Npgsql spans of its queries are its children.
/// </summary>
public sealed class TracingTests
{
    [Test]
    public async Task ClaimCommand_IsAnActivityInTheCallersTrace_WithDatabaseSpansAsChildren()
    {
        var w = await DaemonTestData.WorldAsync();
        var traceId = ActivityTraceId.CreateRandom();
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is MulticaMetrics.ActivitySourceName or "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.TraceId == traceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                    lock (activities)
                        activities.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/daemon/runtimes/{w.RuntimeId}/tasks/claim")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", w.Pat);
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await TestEnvironment.Factory.CreateClient().SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        List<Activity> seen;
        lock (activities)
            seen = activities.ToList();
        var command = seen.SingleOrDefault(a => a.Source.Name == MulticaMetrics.ActivitySourceName && a.OperationName == "ClaimTaskCommand");
        Assert.That(command, Is.Not.Null, "one activity for the claim command");
        Assert.That(command!.GetTagItem("runtime_id"), Is.EqualTo(w.Runtime));
        Assert.That(command.GetTagItem("workspace_id"), Is.EqualTo(w.Workspace.Id.ToString()));
        Assert.That(command.Status, Is.EqualTo(ActivityStatusCode.Ok));
        Assert.That(seen.Where(a => a.Source.Name == "Npgsql").Select(a => a.ParentSpanId), Does.Contain(command.SpanId),
            "the claim's database spans are children of the command's activity");
    }
}
