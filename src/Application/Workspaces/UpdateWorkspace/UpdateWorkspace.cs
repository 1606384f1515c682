using Multica.Application.Common.Validation;
using Multica.Application.Common.Realtime;
using Multica.Application.Workspaces.Events;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;

namespace Multica.Application.Workspaces.UpdateWorkspace;

/// <summary>PUT/PATCH /api/workspaces/{id} (owner/admin). Omitted or null fields stay unchanged.</summary>
public sealed record UpdateWorkspaceCommand(
    string WorkspaceId,
    string? Name,
    string? Description,
    string? Context,
    JsonElement? Settings,
    JsonElement? Repos,
    string? IssuePrefix) : ICommand<WorkspaceDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
    public IReadOnlyCollection<string>? RequiredRoles => MemberRole.Managers;
}

public sealed class UpdateWorkspaceValidator : AbstractValidator<UpdateWorkspaceCommand>
{
    public UpdateWorkspaceValidator(IOptions<LimitOptions> options)
    {
        var limits = options.Value;
        RuleFor(x => x.Name).NotBlankWhenGiven("name");
        RuleFor(x => x.Name).TrimmedAtMost(WorkspaceRules.MaxNameLength, "name");
        RuleFor(x => x.Description).Must(d => d is null || d.Length <= 10_000).WithMessage("description is too long");
        RuleFor(x => x.Context).Must(c => c is null || c.Length <= 100_000).WithMessage("context is too long");
        RuleFor(x => x.IssuePrefix).TrimmedAtMost(WorkspaceRules.MaxIssuePrefixLength, "issue_prefix");
        // The wire shapes promise an object and an array; anything else would break every reader.
        RuleFor(x => x.Settings).Must(s => s is null || s.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
            .WithMessage("settings must be an object");
        RuleFor(x => x.Repos).Must(r => r is null || r.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Null)
            .WithMessage("repos must be an array");
        RuleFor(x => x.Repos)
            .Must(r => r is not { ValueKind: JsonValueKind.Array } a || a.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object))
            .WithMessage("repos must be an array of objects");
        // The list travels in every register and claim answer: its size bounds theirs.
        RuleFor(x => x.Repos).Must(r => r is not { ValueKind: JsonValueKind.Array } a || a.GetArrayLength() <= limits.MaxReposPerWorkspace)
            .WithMessage($"too many repos (at most {limits.MaxReposPerWorkspace})");
        RuleFor(x => x.Repos)
            .Must(r => r is not { ValueKind: JsonValueKind.Array } a || System.Text.Encoding.UTF8.GetByteCount(a.GetRawText()) <= limits.MaxReposBytes)
            .WithMessage("repos is too long");
    }
}

public sealed class UpdateWorkspaceHandler(
    AccessScope scope,
    ICallerContext caller,
    IWorkspaceRepository workspaces,
    IWorkspaceSettingsRepository settings,
    ITransactionRunner transactions,
    IEventPublisher events,
    TimeProvider time) : ICommandHandler<UpdateWorkspaceCommand, WorkspaceDto>
{
    public async ValueTask<WorkspaceDto> Handle(UpdateWorkspaceCommand command, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var workspace = await transactions.RunAsync(async token =>
        {
            var w = await workspaces.FindByIdAsync(workspaceId, token) ?? throw new NotFoundException(ErrorMessages.WorkspaceNotFound);
            if (command.Name is not null)
                w.Name = command.Name.Trim();
            if (command.Description is not null)
                w.Description = command.Description;
            if (command.Context is not null)
                w.Context = command.Context;
            if (command.Settings is { ValueKind: JsonValueKind.Object } s)
                w.Settings = s.GetRawText();
            if (command.Repos is { ValueKind: JsonValueKind.Array } r)
                w.Repos = r.GetRawText();
            if (!string.IsNullOrWhiteSpace(command.IssuePrefix))
                w.IssuePrefix = command.IssuePrefix.Trim().ToUpperInvariant();
            w.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await settings.UpdateAsync(w, token);
            return w;
        }, ct);

        var dto = WorkspaceDto.From(workspace);
        events.Publish(new RealtimeEvent(EventTypes.WorkspaceUpdated, new WorkspaceUpdatedPayload(dto),
            workspace.Id, ActorType.Member, caller.RequireUserId()));
        return dto;
    }
}
