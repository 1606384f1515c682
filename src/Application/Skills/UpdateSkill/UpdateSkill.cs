using Multica.Application.Common.Validation;
using Multica.Application.Skills.Events;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Multica.Application.Actors;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Application.Skills.Shared;

namespace Multica.Application.Skills.UpdateSkill;

/// <summary>PUT /api/skills/{id}: partial; "files" present and non-null (even []) replaces all files.</summary>
public sealed record UpdateSkillCommand(
    string WorkspaceId,
    string SkillId,
    ActorHints Actor,
    string? Name,
    string? Description,
    string? Content,
    JsonElement? Config,
    IReadOnlyList<SkillFileInput?>? Files) : ICommand<SkillWithFilesDto>, IWorkspaceMemberScoped, ISkillFields
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class UpdateSkillValidator : AbstractValidator<UpdateSkillCommand>
{
    public UpdateSkillValidator()
    {
        RuleFor(x => x.Name).NotBlankWhenGiven("name");
        RuleFor(x => x.Name).TrimmedAtMost(SkillRules.MaxNameLength, "name");
        RuleFor(x => x.Files).ValidFilePaths();
        Include(new SkillFieldsValidator());
    }
}

public sealed class UpdateSkillHandler(
    AccessScope scope,
    SkillAccess access,
    IActorResolver actors,
    ISkillRepository skills,
    AgentSkillBudget budget,
    ITransactionRunner transactions,
    SkillEvents events,
    TimeProvider time) : ICommandHandler<UpdateSkillCommand, SkillWithFilesDto>
{
    public async ValueTask<SkillWithFilesDto> Handle(UpdateSkillCommand command, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var skill = await access.RequireManageableAsync(command.SkillId, ct);

        var now = time.GetUtcNow().UtcDateTime;
        if (command.Name is not null)
            skill.Name = command.Name.Trim();
        if (command.Description is not null)
            skill.Description = command.Description;
        if (command.Content is not null)
            skill.Content = command.Content;
        if (command.Config is { ValueKind: JsonValueKind.Object } config)
            skill.Config = config.GetRawText();
        skill.UpdatedAt = now;
        var files = command.Files is null ? null : SkillRules.ToEntities(skill.Id, command.Files, now);

        await transactions.RunAsync(async token =>
        {
            // Thrown inside so the file replacement rolls back with it.
            if (!await skills.UpdateAsync(skill, files, token))
                throw new ConflictException("a skill with this name already exists");
            await budget.RequireEditWithinAsync(skill.Id, token);
            return true;
        }, ct);

        var dto = SkillWithFilesDto.From(skill, files ?? await skills.ListFilesAsync(skill.Id, ct));
        var actor = await actors.ResolveAsync(skill.WorkspaceId, command.Actor, ct);
        events.SkillUpdated(dto, actor);
        return dto;
    }
}
