using System.Collections;
using System.Net;
using System.Reflection;
using Multica.IntegrationTests.Support;
using Multica.WebApi.Infrastructure;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.Api;

/// <summary>
/// The hot routes' shortcuts answer exactly what the general path answers: a heartbeat with nothing pending writes its
/// prebuilt {"status":"ok"}, and the bodies that skip MVC's model validation (<see cref="HotRequestBodies"/>) are only
/// ones in which that validation has nothing to enforce (docs/benchmarks.md, twelfth stop).
/// </summary>
public sealed class HotRouteAnswersTests
{
    [Test]
    public async Task Heartbeat_WithNothingPending_AnswersTheStatusOkBytes_AsTheSerializerWould()
    {
        var w = await WorldAsync();
        var response = await w.Daemon.PostAsync("/api/daemon/heartbeat", new { runtime_id = w.Runtime });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo(PrebuiltJsonResult.ContentType));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"ok"}"""));

        // The same bytes as a route that answers StatusOkDto through the serializer (deregister).
        var deregister = await w.Daemon.PostAsync("/api/daemon/deregister", new { runtime_ids = new[] { w.Runtime } });
        Assert.That(deregister.Content.Headers.ContentType?.ToString(), Is.EqualTo(PrebuiltJsonResult.ContentType));
        Assert.That(await deregister.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"ok"}"""));
    }

    [Test]
    public async Task BodiesThatSkipModelValidation_StillAnswerInvalidRequestBody_WhenTheyDoNotBind()
    {
        var w = await WorldAsync();
        await w.Daemon.PostRawAsync("/api/daemon/heartbeat", """{"runtime_id": 12""")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
        await w.Daemon.PostRawAsync("/api/daemon/heartbeat", """{"runtime_id": {"nested": true}}""")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
        var agent = await AgentAsync(w.Workspace.Id, w.RuntimeId);
        var task = await TaskAsync(agent, w.RuntimeId, issueId: await IssueAsync(w.Workspace.Id, w.Owner.Id), status: "running");
        await w.Daemon.PostRawAsync($"/api/daemon/tasks/{task}/messages", """{"messages": [{"seq": "one"}]}""")
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
    }

    /// <summary>
    /// A non-nullable reference property is an implicit [Required] that MVC's validation enforces; a body listed in
    /// <see cref="HotRequestBodies"/> must have none, nor may anything it contains (list elements, nested records).
    /// </summary>
    [Test]
    public void EveryBodyThatSkipsModelValidation_HasOnlyOptionalProperties()
    {
        var context = new NullabilityInfoContext();
        var required = new List<string>();
        var seen = new HashSet<Type>();
        foreach (var type in HotRequestBodies.Types)
            Walk(type);
        Assert.That(required, Is.Empty, "properties MVC would require");
        Assert.That(seen, Has.Count.GreaterThan(HotRequestBodies.Types.Length), "nested body types were walked");

        void Walk(Type type)
        {
            if (!seen.Add(type) || type.Namespace?.StartsWith("Multica", StringComparison.Ordinal) != true)
                return;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var info = context.Create(property);
                if (!property.PropertyType.IsValueType && info.WriteState == NullabilityState.NotNull)
                    required.Add($"{type.Name}.{property.Name}");
                foreach (var inner in Inner(property.PropertyType))
                    Walk(inner);
            }
        }

        static IEnumerable<Type> Inner(Type type)
        {
            yield return type;
            if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
                foreach (var argument in type.GetGenericArguments())
                    yield return argument;
        }
    }
}
