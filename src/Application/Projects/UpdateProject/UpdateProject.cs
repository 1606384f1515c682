using FluentValidation;
using Mediator;
using Multica.Application.Common;
using Multica.Application.Common.Security;
using Multica.Application.Projects.Shared;

namespace Multica.Application.Projects.UpdateProject;

/// <summary>
/// PUT /api/projects/{id}: title, status and priority change when sent; description, icon, lead_type and lead_id
/// change when their key is present (null clears them).
/// </summary>
public sealed record UpdateProjectCommand(string WorkspaceId, string ProjectId, string? Title, string? Status, string? Priority,
    Optional<string?> Description, Optional<string?> Icon, Optional<string?> LeadType, Optional<string?> LeadId)
    : ICommand<ProjectDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class UpdateProjectValidator : AbstractValidator<UpdateProjectCommand>
{
    public UpdateProjectValidator()
    {
        RuleFor(x => x.Title).Must(t => t is null || t.Length > 0).WithMessage("title is required");
        RuleFor(x => x.Title).Must(t => t is null || t.Length <= ProjectRules.MaxTitleLength).WithMessage("title is too long");
        ProjectRules.AddFieldRules(this, x => x.Status, x => x.Priority, x => x.LeadType.Value, x => x.LeadId.Value);
    }
}

public sealed class UpdateProjectHandler(ProjectAccess access, ICallerContext caller, IProjectRepository projects, ProjectEvents events,
    TimeProvider time) : ICommandHandler<UpdateProjectCommand, ProjectDto>
{
    public async ValueTask<ProjectDto> Handle(UpdateProjectCommand c, CancellationToken ct)
    {
        var project = await access.RequireAsync(c.ProjectId, ct);
        if (c.Title is not null)
            project.Title = c.Title;
        if (!string.IsNullOrEmpty(c.Status))
            project.Status = c.Status;
        if (!string.IsNullOrEmpty(c.Priority))
            project.Priority = c.Priority;
        if (c.Description.IsSet)
            project.Description = c.Description.Value;
        if (c.Icon.IsSet)
            project.Icon = c.Icon.Value;
        if (c.LeadType.IsSet)
            project.LeadType = string.IsNullOrEmpty(c.LeadType.Value) ? null : c.LeadType.Value;
        if (c.LeadId.IsSet)
            project.LeadId = Ids.Parse(c.LeadId.Value);
        project.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await projects.UpdateAsync(project, ct);
        var dto = await access.ToDtoAsync(project, ct);
        events.Updated(dto, caller.RequireUserId());
        return dto;
    }
}
