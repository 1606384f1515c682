using Mediator;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;

namespace Multica.Application.Skills;

/// <summary>GET /api/skills/{id}: the skill with its files.</summary>
public sealed record GetSkillQuery(string WorkspaceId, string SkillId) : IQuery<SkillWithFilesDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetSkillHandler(AccessScope scope, ISkillRepository skills) : IQueryHandler<GetSkillQuery, SkillWithFilesDto>
{
    public async ValueTask<SkillWithFilesDto> Handle(GetSkillQuery query, CancellationToken ct)
    {
        var skill = Ids.Parse(query.SkillId) is { } id ? await skills.FindAsync(scope.RequireWorkspaceId(), id, ct) : null;
        if (skill is null)
            throw new NotFoundException("skill not found");
        return SkillWithFilesDto.From(skill, await skills.ListFilesAsync(skill.Id, ct));
    }
}
