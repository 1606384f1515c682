using Microsoft.AspNetCore.Mvc;
using Multica.Application.Search.SearchIssues;

namespace Multica.WebApi.Controllers;

/// <summary>⌘K search. Literal routes, so "search" is never read as an issue or project id.</summary>
public sealed class SearchController : WorkspaceControllerBase
{
    [HttpGet("/api/issues/search")]
    public async Task<IActionResult> SearchIssues([FromQuery] string? q, [FromQuery] string? limit, [FromQuery] string? offset,
        [FromQuery(Name = "include_closed")] string? includeClosed, CancellationToken ct)
    {
        var result = await Mediator.Send(new SearchIssuesQuery(await SelectedWorkspaceIdAsync(), q, limit, offset, includeClosed), ct);
        Response.Headers["X-Total-Count"] = result.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Ok(result);
    }
}
