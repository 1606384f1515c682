using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Skills.Shared;

namespace Multica.Application.Skills.GetSkill;

/// <summary>GET /api/skills/{id}: the skill with its files.</summary>
public sealed record GetSkillQuery(string WorkspaceId, string SkillId) : IQuery<SkillWithFilesDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetSkillHandler(SkillAccess access, ISkillRepository skills) : IQueryHandler<GetSkillQuery, SkillWithFilesDto>
{
    public async ValueTask<SkillWithFilesDto> Handle(GetSkillQuery query, CancellationToken ct)
    {
        var skill = await access.RequireAsync(query.SkillId, ct);
        return SkillWithFilesDto.From(skill, await skills.ListFilesAsync(skill.Id, ct));
    }
}
