using Multica.Application.Actors;

namespace Multica.WebApi.Controllers;

/// <summary>Workspace-scoped user routes of the control plane.</summary>
public abstract class ControlPlaneControllerBase : ApiControllerBase
{
    /// <summary>X-Agent-ID / X-Task-ID as sent by the CLI inside an agent task; validated by the actor resolver.</summary>
    protected ActorHints Actor => new(Header("X-Agent-ID"), Header("X-Task-ID"));

    private string? Header(string name)
    {
        var value = Request.Headers[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
