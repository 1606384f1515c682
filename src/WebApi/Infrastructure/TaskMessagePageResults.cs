using Microsoft.AspNetCore.Mvc;
using Multica.Application.Tasks;

namespace Multica.WebApi.Infrastructure;

/// <summary>
/// A transcript page on the wire: the bare array upstream clients read, and — when the page is full — the
/// <c>since</c> of the next page in the <c>X-Next-Since</c> header (a client that ignores it sees the first page).
/// </summary>
public static class TaskMessagePageResults
{
    public static IActionResult MessagePage(this ControllerBase controller, TaskMessagePage page)
    {
        if (page.NextSince is { } next)
            controller.Response.Headers[TaskMessageListing.NextSinceHeader] = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return controller.Ok(page.Messages);
    }
}
