using Mediator;
using Microsoft.AspNetCore.Mvc;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;

namespace Multica.WebApi.Controllers;

/// <summary>Thin controllers: bind, send to the mediator, shape the wire response.</summary>
[ApiController]
public abstract class ApiControllerBase : ControllerBase
{
    private IMediator? _mediator;
    protected IMediator Mediator => _mediator ??= HttpContext.RequestServices.GetRequiredService<IMediator>();

    /// <summary>
    /// The workspace of a workspace-scoped user route: query workspace_slug, header X-Workspace-Slug,
    /// query workspace_id, header X-Workspace-ID (first non-empty). A task token always acts in its own workspace.
    /// </summary>
    protected async Task<string> SelectedWorkspaceIdAsync() =>
        await SelectedWorkspaceIdOrNullAsync() ?? throw new BadRequestException("workspace_id or workspace_slug is required");

    /// <summary>As <see cref="SelectedWorkspaceIdAsync"/>, for the few routes that also work without a workspace: null when none is selected.</summary>
    protected async Task<string?> SelectedWorkspaceIdOrNullAsync()
    {
        var caller = HttpContext.RequestServices.GetRequiredService<ICallerContext>().Caller;
        if (caller.IsTaskToken)
            return caller.TokenWorkspaceId!.Value.ToString();

        var slug = FirstNonEmpty(Request.Query["workspace_slug"], Request.Headers["X-Workspace-Slug"]);
        if (slug is not null)
        {
            var access = HttpContext.RequestServices.GetRequiredService<IAccessRepository>();
            var id = await access.FindWorkspaceIdBySlugAsync(slug, HttpContext.RequestAborted)
                ?? throw new NotFoundException(ErrorMessages.WorkspaceNotFound);
            return id.ToString();
        }
        return FirstNonEmpty(Request.Query["workspace_id"], Request.Headers["X-Workspace-ID"]);
    }

    private static string? FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
