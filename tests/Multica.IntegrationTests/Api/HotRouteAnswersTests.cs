using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Multica.WebApi.Controllers;
using Multica.IntegrationTests.Support;
using Multica.WebApi.Infrastructure;
using NUnit.Framework;
using static Multica.IntegrationTests.DaemonProtocol.DaemonTestData;

namespace Multica.IntegrationTests.Api;

/// <summary>
/// The hot routes' shortcuts answer exactly what the general path answers: a heartbeat with nothing pending writes its
/// prebuilt {"status":"ok"}; MVC's model validation walks neither the hot routes' bodies nor an action's cancellation
/// token, and still refuses a body that does not bind; no framework authentication or authorization runs in front of
/// them (docs/benchmarks.md, twelfth, fifteenth and sixteenth stops).
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
    public async Task TheHotRoutesBodies_AnswerInvalidRequestBody_WhenTheyDoNotBind()
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

    [Test]
    public void TheHost_AddsNoAuthenticationOrAuthorizationMiddleware()
    {
        // The host puts ASP.NET Core's authentication and authorization middlewares in front of every request when
        // these services are registered; no route uses them (docs/benchmarks.md, sixteenth stop).
        var services = TestEnvironment.Factory.Services;
        Assert.That(services.GetService<IAuthenticationSchemeProvider>(), Is.Null);
        Assert.That(services.GetService<IAuthorizationHandlerProvider>(), Is.Null);
    }

    /// <summary>A body with a validation attribute, as no hot route has.</summary>
    public sealed class AttributedBody
    {
        [Required]
        public string? Name { get; init; }
    }

    /// <summary>A body with a non-nullable reference property: an implicit [Required].</summary>
    public sealed class ImplicitlyRequiredBody
    {
        public string Name { get; init; } = "";
    }

    /// <summary>A body whose validators are in its list's elements.</summary>
    public sealed class NestingBody
    {
        public List<AttributedBody>? Items { get; init; }
    }

    /// <summary>
    /// The server's model validator still walks a value with validators the way MVC does: a missing [Required]
    /// property is an error under its key.
    /// </summary>
    [Test]
    public void ModelValidation_StillReportsAMissingRequiredProperty()
    {
        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var metadata = scope.ServiceProvider.GetRequiredService<IModelMetadataProvider>();
        // MVC's parameter binder calls the six-argument overload on an ObjectModelValidator.
        var server = scope.ServiceProvider.GetRequiredService<IObjectModelValidator>() as ObjectModelValidator;
        Assert.That(server, Is.InstanceOf<ActionModelValidator>());

        ActionContext Validate(object value)
        {
            var context = new ActionContext(new DefaultHttpContext { RequestServices = scope.ServiceProvider }, new RouteData(), new ActionDescriptor());
            server!.Validate(context, new ValidationStateDictionary(), "value", value, metadata.GetMetadataForType(value.GetType()), null);
            return context;
        }

        var missing = Validate(new AttributedBody());
        Assert.That(missing.ModelState.IsValid, Is.False);
        Assert.That(missing.ModelState.Keys, Does.Contain("value.Name"));
        Assert.That(Validate(new AttributedBody { Name = "set" }).ModelState.IsValid, Is.True);
    }

    /// <summary>
    /// What MVC's walk is spared: an action's cancellation token, and bodies whose metadata has no validators, which
    /// the hot routes' bodies must stay (a non-nullable reference property anywhere in them would be an implicit
    /// [Required] for the walk to enforce). A body with validators is still walked, and so is any value that binding
    /// recorded in the model state (the walk marks it valid).
    /// </summary>
    [Test]
    public void ModelValidation_SparesTheCancellationToken_AndTheHotRoutesBodies()
    {
        var metadata = TestEnvironment.Factory.Services.GetRequiredService<IModelMetadataProvider>();
        var empty = new ModelStateDictionary();
        // As MVC validates them: each action parameter's own metadata (a non-nullable body parameter is an implicit [Required]).
        (string Action, Type Controller)[] hot =
        [
            (nameof(DaemonPresenceController.Heartbeat), typeof(DaemonPresenceController)),
            (nameof(DaemonTasksController.ReportMessages), typeof(DaemonTasksController)),
            (nameof(DaemonTasksController.ClaimBatch), typeof(DaemonTasksController)),
            (nameof(IssuesController.Create), typeof(IssuesController)),
        ];
        var parameters = hot.SelectMany(h => h.Controller.GetMethod(h.Action)?.GetParameters()
            ?? throw new InvalidOperationException($"no action {h.Controller.Name}.{h.Action}")).ToList();
        Assert.That(parameters.Select(p => p.ParameterType), Does.Contain(typeof(CancellationToken)));
        Assert.That(parameters, Has.Count.GreaterThanOrEqualTo(hot.Length + 1));
        var walked = parameters.Where(p => p.ParameterType != typeof(string) && p.ParameterType != typeof(Guid)
                && ActionModelValidator.Walks(metadata, ((ModelMetadataProvider)metadata).GetMetadataForParameter(p), Value(p.ParameterType), empty, ""))
            .Select(p => $"{p.Member.Name}({p.ParameterType.Name})");
        Assert.That(walked, Is.Empty);

        bool Walks(Type type, ModelStateDictionary state) =>
            ActionModelValidator.Walks(metadata, metadata.GetMetadataForType(type), Value(type), state, "");
        Assert.That(Walks(typeof(AttributedBody), empty), Is.True);
        Assert.That(Walks(typeof(ImplicitlyRequiredBody), empty), Is.True);
        Assert.That(Walks(typeof(NestingBody), empty), Is.True, "validators inside list elements count");
        Assert.That(ActionModelValidator.Walks(metadata, metadata.GetMetadataForType(typeof(NestingBody)), null, empty, ""), Is.True,
            "a missing value is walked (a [Required] may apply)");

        // A value bound from the query or the route leaves an entry that only the walk marks valid.
        var bound = new ModelStateDictionary();
        bound.SetModelValue("since", "2026-01-01", "2026-01-01");
        Assert.That(ActionModelValidator.Walks(metadata, metadata.GetMetadataForType(typeof(string)), "2026-01-01", bound, "since"), Is.True);
        Assert.That(Walks(typeof(DaemonPresenceController.HeartbeatBody), bound), Is.True);
        Assert.That(Walks(typeof(CancellationToken), bound), Is.False);
        // Once its own walk has marked it (the message batch's task id, bound from the route before the body).
        bound.MarkFieldValid("since");
        Assert.That(Walks(typeof(DaemonPresenceController.HeartbeatBody), bound), Is.False);
        bound.AddModelError("since", "invalid since parameter");
        Assert.That(Walks(typeof(DaemonPresenceController.HeartbeatBody), bound), Is.True);

        static object Value(Type type) => type == typeof(CancellationToken) ? CancellationToken.None
            : System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type);
    }
}
