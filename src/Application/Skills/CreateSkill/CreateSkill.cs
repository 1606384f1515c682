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
using Multica.Domain.Entities;
using Multica.Application.Skills.Shared;

namespace Multica.Application.Skills.CreateSkill;

/// <summary>POST /api/skills (docs/api.md).</summary>
public sealed record CreateSkillCommand(
    string WorkspaceId,
    ActorHints Actor,
    string? Name,
    string? Description,
    string? Content,
    JsonElement? Config,
    IReadOnlyList<SkillFileInput?>? Files) : ICommand<SkillWithFilesDto>, IWorkspaceMemberScoped, ISkillFields
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class CreateSkillValidator : AbstractValidator<CreateSkillCommand>
{
    public CreateSkillValidator()
    {
        RuleFor(x => x.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("name is required")
            .DependentRules(() =>
            {
                RuleFor(x => x.Files).ValidFilePaths();
            });
        RuleFor(x => x.Name).TrimmedAtMost(SkillRules.MaxNameLength, "name");
        Include(new SkillFieldsValidator());
    }
}

public sealed class CreateSkillHandler(
    AccessScope scope,
    ICallerContext caller,
    IActorResolver actors,
    ISkillRepository skills,
    SkillEvents events,
    TimeProvider time) : ICommandHandler<CreateSkillCommand, SkillWithFilesDto>
{
    public async ValueTask<SkillWithFilesDto> Handle(CreateSkillCommand command, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        var now = time.GetUtcNow().UtcDateTime;
        var skill = new Skill
        {
            Id = Guid.NewGuid(),
            WorkspaceId = scope.RequireWorkspaceId(),
            Name = command.Name!.Trim(),
            Description = command.Description ?? "",
            Content = command.Content ?? "",
            Config = command.Config is { ValueKind: JsonValueKind.Object } c ? c.GetRawText() : "{}",
            CreatedBy = userId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var files = SkillRules.ToEntities(skill.Id, command.Files ?? [], now);
        // Skill and files go in one SaveChanges, i.e. one transaction.
        if (!await skills.AddAsync(skill, files, ct))
            throw new ConflictException("a skill with this name already exists");

        var dto = SkillWithFilesDto.From(skill, files);
        var actor = await actors.ResolveAsync(skill.WorkspaceId, command.Actor, ct);
        events.SkillCreated(dto, actor);
        return dto;
    }
}
