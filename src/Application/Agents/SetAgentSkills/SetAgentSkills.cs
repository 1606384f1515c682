using Multica.Application.Agents.Events;
using FluentValidation;
using Mediator;
using Multica.Application.Actors;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Skills;
using Multica.Domain.Constants;
using Multica.Application.Agents.Shared;
using Multica.Application.Skills.Shared;

namespace Multica.Application.Agents.SetAgentSkills;

/// <summary>
/// PUT /api/agents/{id}/skills {"skill_ids": [...]}: replaces the set in one transaction. Ids that are not
/// skills of the agent's workspace are rejected (400) instead of failing in storage.
/// </summary>
public sealed record SetAgentSkillsCommand(string WorkspaceId, string AgentId, ActorHints Actor, IReadOnlyList<string?>? SkillIds)
    : ICommand<IReadOnlyList<SkillDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class SetAgentSkillsValidator : AbstractValidator<SetAgentSkillsCommand>
{
    public SetAgentSkillsValidator()
    {
        RuleFor(x => x.SkillIds).Must(ids => ids is null || ids.All(Ids.IsValid)).WithMessage("invalid skill_ids");
        RuleFor(x => x.SkillIds).Must(ids => ids is null || ids.Count <= 500).WithMessage("too many skill_ids");
    }
}

public sealed class SetAgentSkillsHandler(
    AgentAccess access,
    IActorResolver actors,
    IAgentRepository agents,
    ISkillRepository skills,
    AgentSkillBudget budget,
    ITransactionRunner transactions,
    AgentEvents events,
    TimeProvider time) : ICommandHandler<SetAgentSkillsCommand, IReadOnlyList<SkillDto>>
{
    public async ValueTask<IReadOnlyList<SkillDto>> Handle(SetAgentSkillsCommand command, CancellationToken ct)
    {
        var agent = await access.RequireManageableAsync(command.AgentId, ct);
        var ids = (command.SkillIds ?? []).Select(s => Ids.Parse(s)!.Value).Distinct().ToList();
        var result = await transactions.RunAsync(async token =>
        {
            if (await skills.CountInWorkspaceAsync(agent.WorkspaceId, ids, token) != ids.Count)
                throw new BadRequestException("skill not found in this workspace");
            await budget.RequireWithinAsync(ids, token);
            await agents.ReplaceSkillsAsync(agent.Id, ids, time.GetUtcNow().UtcDateTime, token);
            var map = await agents.ListSkillsAsync([agent.Id], token);
            return map.TryGetValue(agent.Id, out var s) ? s.Select(SkillDto.From).ToList() : [];
        }, ct);

        var actor = await actors.ResolveAsync(agent.WorkspaceId, command.Actor, ct);
        events.SkillsChanged(agent, result, actor);
        return result;
    }
}
