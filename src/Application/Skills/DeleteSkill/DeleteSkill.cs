using Multica.Application.Skills.Events;
using Mediator;
using Multica.Application.Actors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Application.Skills.Shared;

namespace Multica.Application.Skills.DeleteSkill;

/// <summary>DELETE /api/skills/{id} (creator or owner/admin).</summary>
public sealed record DeleteSkillCommand(string WorkspaceId, string SkillId, ActorHints Actor) : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class DeleteSkillHandler(
    AccessScope scope, SkillAccess access, IActorResolver actors, ISkillRepository skills, SkillEvents events)
    : ICommandHandler<DeleteSkillCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeleteSkillCommand command, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var skill = await access.RequireManageableAsync(command.SkillId, ct);
        await skills.DeleteAsync(skill.Id, ct);
        var actor = await actors.ResolveAsync(workspaceId, command.Actor, ct);
        events.SkillDeleted(workspaceId, skill.Id, actor);
        return Unit.Value;
    }
}
