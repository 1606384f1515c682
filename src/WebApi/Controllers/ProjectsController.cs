using Microsoft.AspNetCore.Mvc;
using Multica.Application.Common;
using Multica.Application.Projects.CreateProject;
using Multica.Application.Projects.DeleteProject;
using Multica.Application.Projects.GetProject;
using Multica.Application.Projects.ListProjects;
using Multica.Application.Projects.SearchProjects;
using Multica.Application.Projects.UpdateProject;

namespace Multica.WebApi.Controllers;

[Route("api/projects")]
public sealed class ProjectsController : WorkspaceControllerBase
{
    public sealed record CreateProjectBody(string? Title, string? Description, string? Icon, string? Status, string? Priority,
        string? LeadType, string? LeadId);

    public sealed record UpdateProjectBody(string? Title, string? Status, string? Priority, Optional<string?> Description,
        Optional<string?> Icon, Optional<string?> LeadType, Optional<string?> LeadId);

    [HttpGet]
    public async Task<IActionResult> List([FromQuery] string? status, [FromQuery] string? priority, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListProjectsQuery(await SelectedWorkspaceIdAsync(), status, priority), ct));

    /// <summary>A literal route, so "search" is never read as a project id.</summary>
    [HttpGet("search")]
    public async Task<IActionResult> Search([FromQuery] string? q, [FromQuery] string? limit, [FromQuery] string? offset,
        [FromQuery(Name = "include_closed")] string? includeClosed, CancellationToken ct)
    {
        var result = await Mediator.Send(new SearchProjectsQuery(await SelectedWorkspaceIdAsync(), q, limit, offset, includeClosed), ct);
        Response.Headers["X-Total-Count"] = result.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Ok(result);
    }

    [HttpPost]
    public async Task<IActionResult> Create([FromBody] CreateProjectBody b, CancellationToken ct) =>
        StatusCode(201, await Mediator.Send(new CreateProjectCommand(await SelectedWorkspaceIdAsync(), b.Title, b.Description, b.Icon,
            b.Status, b.Priority, b.LeadType, b.LeadId), ct));

    [HttpGet("{projectId}")]
    public async Task<IActionResult> Get(string projectId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetProjectQuery(await SelectedWorkspaceIdAsync(), projectId), ct));

    [HttpPut("{projectId}")]
    public async Task<IActionResult> Update(string projectId, [FromBody] UpdateProjectBody b, CancellationToken ct) =>
        Ok(await Mediator.Send(new UpdateProjectCommand(await SelectedWorkspaceIdAsync(), projectId, b.Title, b.Status, b.Priority,
            b.Description, b.Icon, b.LeadType, b.LeadId), ct));

    [HttpDelete("{projectId}")]
    public async Task<IActionResult> Delete(string projectId, CancellationToken ct)
    {
        await Mediator.Send(new DeleteProjectCommand(await SelectedWorkspaceIdAsync(), projectId), ct);
        return NoContent();
    }
}
