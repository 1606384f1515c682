using Multica.Application.Common.Validation;
using Multica.Application.Common.Realtime;
using Multica.Application.Autopilots.Events;
using FluentValidation;
using Mediator;
using Multica.Application.Common;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Application.Autopilots.Shared;

namespace Multica.Application.Autopilots.UpdateAutopilot;

/// <summary>
/// PATCH /api/autopilots/{id}: title/status/execution_mode/assignee_id when non-null; description and
/// issue_title_template whenever the key is sent (null clears).
/// </summary>
public sealed record UpdateAutopilotCommand(string WorkspaceId, string AutopilotId, string? Title, string? Status, string? ExecutionMode,
    string? AssigneeId, Optional<string?> Description, Optional<string?> IssueTitleTemplate) : ICommand<AutopilotDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class UpdateAutopilotValidator : AbstractValidator<UpdateAutopilotCommand>
{
    public UpdateAutopilotValidator()
    {
        RuleFor(x => x.Title).NotBlankWhenGiven("title");
        RuleFor(x => x.Title).Must(t => t is null || t.Length <= 500).WithMessage("title is too long");
        RuleFor(x => x.Status).Must(s => s is null || AutopilotStatus.All.Contains(s))
            .WithMessage("status must be one of: " + string.Join(", ", AutopilotStatus.All));
        RuleFor(x => x.ExecutionMode).Must(m => m is null || AutopilotExecutionMode.All.Contains(m))
            .WithMessage("execution_mode must be create_issue or run_only");
        RuleFor(x => x.Description.Value).Must(d => d is null || d.Length <= 100_000).WithMessage("description is too long")
            .OverridePropertyName("description");
        RuleFor(x => x.IssueTitleTemplate.Value).Must(t => t is null || t.Length <= 500).WithMessage("issue_title_template is too long")
            .OverridePropertyName("issue_title_template");
    }
}

public sealed class UpdateAutopilotHandler(ICallerContext caller, AutopilotAccess access, IAutopilotRepository autopilots,
    IEventPublisher events, TimeProvider time) : ICommandHandler<UpdateAutopilotCommand, AutopilotDto>
{
    public async ValueTask<AutopilotDto> Handle(UpdateAutopilotCommand c, CancellationToken ct)
    {
        var autopilot = await access.RequireAsync(c.AutopilotId, ct);
        if (c.AssigneeId is not null)
            autopilot.AssigneeId = await access.RequireAssigneeAsync(c.AssigneeId, ct);
        if (c.Title is not null)
            autopilot.Title = c.Title.Trim();
        if (c.Status is not null)
            autopilot.Status = c.Status;
        if (c.ExecutionMode is not null)
            autopilot.ExecutionMode = c.ExecutionMode;
        if (c.Description.IsSet)
            autopilot.Description = c.Description.Value;
        if (c.IssueTitleTemplate.IsSet)
            autopilot.IssueTitleTemplate = c.IssueTitleTemplate.Value;
        autopilot.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await autopilots.UpdateAsync(autopilot, ct);
        var dto = AutopilotDto.From(autopilot);
        events.Publish(new RealtimeEvent(EventTypes.AutopilotUpdated, new AutopilotPayload(dto),
            autopilot.WorkspaceId, ActorType.Member, caller.RequireUserId()));
        return dto;
    }
}
