using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Skills.Shared;

namespace Multica.Application.Skills.ListSkills;

/// <summary>GET /api/skills: sorted by name.</summary>
public sealed record ListSkillsQuery(string WorkspaceId) : IQuery<IReadOnlyList<SkillDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListSkillsHandler(AccessScope scope, ISkillRepository skills) : IQueryHandler<ListSkillsQuery, IReadOnlyList<SkillDto>>
{
    public async ValueTask<IReadOnlyList<SkillDto>> Handle(ListSkillsQuery query, CancellationToken ct) =>
        (await skills.ListAsync(scope.RequireWorkspaceId(), ct)).Select(SkillDto.From).ToList();
}
