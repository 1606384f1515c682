using FluentValidation;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Skills;
using Multica.Application.Agents.Shared;
using Multica.Application.Skills.Shared;

namespace Multica.Application.Agents.ListAgents;

/// <summary>GET /api/agents[?include_archived=true]: oldest first, partial skill entries, redacted for non-managers.</summary>
public sealed record ListAgentsQuery(string WorkspaceId, string? IncludeArchived) : IQuery<IReadOnlyList<AgentDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListAgentsValidator : AbstractValidator<ListAgentsQuery>
{
    public ListAgentsValidator() =>
        RuleFor(x => x.IncludeArchived).Must(v => string.IsNullOrEmpty(v) || bool.TryParse(v, out _))
            .WithMessage("include_archived must be true or false");
}

public sealed class ListAgentsHandler(AccessScope scope, IAgentRepository agents, AgentAccess access)
    : IQueryHandler<ListAgentsQuery, IReadOnlyList<AgentDto>>
{
    public async ValueTask<IReadOnlyList<AgentDto>> Handle(ListAgentsQuery query, CancellationToken ct)
    {
        var includeArchived = bool.TryParse(query.IncludeArchived, out var b) && b;
        var list = await agents.ListAsync(scope.RequireWorkspaceId(), includeArchived, ct);
        var skills = await agents.ListSkillsAsync(list.Select(a => a.Id).ToList(), ct);
        return list.Select(a => AgentDto.From(a,
            skills.TryGetValue(a.Id, out var s) ? s.Select(SkillDto.Partial).ToList() : [],
            redact: !access.CanManage(a))).ToList();
    }
}
