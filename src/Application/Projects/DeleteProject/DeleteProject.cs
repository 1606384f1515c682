using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Projects.Shared;

namespace Multica.Application.Projects.DeleteProject;

/// <summary>DELETE /api/projects/{id}: its issues remain, without a project.</summary>
public sealed record DeleteProjectCommand(string WorkspaceId, string ProjectId) : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class DeleteProjectHandler(ProjectAccess access, ICallerContext caller, IProjectRepository projects, ProjectEvents events)
    : ICommandHandler<DeleteProjectCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeleteProjectCommand c, CancellationToken ct)
    {
        var project = await access.RequireAsync(c.ProjectId, ct);
        await projects.DeleteAsync(project.Id, ct);
        events.Deleted(project.WorkspaceId, project.Id, caller.RequireUserId());
        return Unit.Value;
    }
}
