using FluentValidation;
using Mediator;
using Multica.Application.Common;
using Multica.Application.Common.Security;
using Multica.Application.Projects.Shared;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Projects.CreateProject;

/// <summary>POST /api/projects: status defaults to planned, priority to none.</summary>
public sealed record CreateProjectCommand(string WorkspaceId, string? Title, string? Description, string? Icon, string? Status,
    string? Priority, string? LeadType, string? LeadId) : ICommand<ProjectDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class CreateProjectValidator : AbstractValidator<CreateProjectCommand>
{
    public CreateProjectValidator()
    {
        RuleFor(x => x.Title).Must(t => !string.IsNullOrEmpty(t)).WithMessage("title is required");
        RuleFor(x => x.Title).Must(t => t is null || t.Length <= ProjectRules.MaxTitleLength).WithMessage("title is too long");
        ProjectRules.AddFieldRules(this, x => x.Status, x => x.Priority, x => x.LeadType, x => x.LeadId);
    }
}

public sealed class CreateProjectHandler(AccessScope scope, ICallerContext caller, IProjectRepository projects, ProjectEvents events,
    TimeProvider time) : ICommandHandler<CreateProjectCommand, ProjectDto>
{
    public async ValueTask<ProjectDto> Handle(CreateProjectCommand c, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var project = new Project
        {
            Id = Guid.NewGuid(),
            WorkspaceId = scope.RequireWorkspaceId(),
            Title = c.Title!,
            Description = c.Description,
            Icon = c.Icon,
            Status = string.IsNullOrEmpty(c.Status) ? ProjectStatus.Planned : c.Status,
            Priority = string.IsNullOrEmpty(c.Priority) ? IssuePriority.None : c.Priority,
            LeadType = string.IsNullOrEmpty(c.LeadType) ? null : c.LeadType,
            LeadId = Ids.Parse(c.LeadId),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await projects.AddAsync(project, ct);
        var dto = ProjectDto.From(project);
        events.Created(dto, caller.RequireUserId());
        return dto;
    }
}
