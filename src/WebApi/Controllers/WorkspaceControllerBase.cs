using Multica.Application.Actors;

namespace Multica.WebApi.Controllers;

/// <summary>Base of the workspace-scoped user routes: adds the agent/task hints the CLI sends inside an agent task.</summary>
public abstract class WorkspaceControllerBase : ApiControllerBase
{
    /// <summary>X-Agent-ID / X-Task-ID as sent by the CLI inside an agent task; validated by the actor resolver.</summary>
    protected ActorHints Actor => new(Header("X-Agent-ID"), Header("X-Task-ID"));

    private string? Header(string name)
    {
        var value = Request.Headers[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
