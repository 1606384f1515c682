using Multica.Application.Common.Realtime;
using Multica.Application.Autopilots.Events;
using FluentValidation;
using Mediator;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Application.Autopilots.Shared;

namespace Multica.Application.Autopilots.CreateAutopilot;

/// <summary>POST /api/autopilots.</summary>
public sealed record CreateAutopilotCommand(string WorkspaceId, string? Title, string? Description, string? AssigneeId,
    string? ExecutionMode, string? IssueTitleTemplate) : ICommand<AutopilotDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class CreateAutopilotValidator : AbstractValidator<CreateAutopilotCommand>
{
    public CreateAutopilotValidator()
    {
        RuleFor(x => x.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("title is required")
            .DependentRules(() => RuleFor(x => x.AssigneeId).Must(a => !string.IsNullOrWhiteSpace(a)).WithMessage("assignee_id is required")
                .DependentRules(() => RuleFor(x => x.ExecutionMode).Must(m => !string.IsNullOrEmpty(m)).WithMessage("execution_mode is required")
                    .DependentRules(() => RuleFor(x => x.ExecutionMode).Must(m => AutopilotExecutionMode.All.Contains(m))
                        .WithMessage("execution_mode must be create_issue or run_only"))));
        RuleFor(x => x.Title).Must(t => t is null || t.Length <= 500).WithMessage("title is too long");
        RuleFor(x => x.Description).Must(d => d is null || d.Length <= 100_000).WithMessage("description is too long");
        RuleFor(x => x.IssueTitleTemplate).Must(t => t is null || t.Length <= 500).WithMessage("issue_title_template is too long");
    }
}

public sealed class CreateAutopilotHandler(AccessScope scope, ICallerContext caller, AutopilotAccess access, IAutopilotRepository autopilots,
    IEventPublisher events, TimeProvider time) : ICommandHandler<CreateAutopilotCommand, AutopilotDto>
{
    public async ValueTask<AutopilotDto> Handle(CreateAutopilotCommand c, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        var assignee = await access.RequireAssigneeAsync(c.AssigneeId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var autopilot = new Autopilot
        {
            Id = Guid.NewGuid(),
            WorkspaceId = scope.RequireWorkspaceId(),
            Title = c.Title!.Trim(),
            Description = c.Description,
            AssigneeId = assignee,
            Status = AutopilotStatus.Active,
            ExecutionMode = c.ExecutionMode!,
            IssueTitleTemplate = c.IssueTitleTemplate,
            CreatedByType = ActorType.Member,
            CreatedById = userId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await autopilots.AddAsync(autopilot, ct);
        var dto = AutopilotDto.From(autopilot);
        events.Publish(new RealtimeEvent(EventTypes.AutopilotCreated, new AutopilotPayload(dto),
            autopilot.WorkspaceId, ActorType.Member, userId));
        return dto;
    }
}
