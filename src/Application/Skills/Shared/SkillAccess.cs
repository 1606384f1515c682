using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Skills.Shared;

/// <summary>Skill look-up inside the request workspace and the "manage" permission (docs/api.md).</summary>
public sealed class SkillAccess(AccessScope scope, ICallerContext caller, ISkillRepository skills)
{
    public async Task<Skill> RequireAsync(string skillId, CancellationToken ct)
    {
        var skill = Ids.Parse(skillId) is { } id ? await skills.FindAsync(scope.RequireWorkspaceId(), id, ct) : null;
        return skill ?? throw new NotFoundException("skill not found");
    }

    /// <summary>Its creator or a workspace owner/admin.</summary>
    public async Task<Skill> RequireManageableAsync(string skillId, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        var skill = await RequireAsync(skillId, ct);
        if (skill.CreatedBy != userId && !MemberRole.IsOwnerOrAdmin(scope.Member?.Role))
            throw new ForbiddenException("only the skill creator can manage this skill");
        return skill;
    }
}
