using Microsoft.Extensions.Options;
using Multica.Application.Common;
using Multica.Application.Common.Errors;

namespace Multica.Application.Skills.Shared;

/// <summary>
/// The most skill text one agent's claim answers may carry (<see cref="LimitOptions.MaxAgentSkillBytes"/>): held when
/// skills are attached to an agent and when an attached skill is edited (docs/configuration.md). Checked inside the
/// change's transaction, so a refused change leaves nothing behind.
/// </summary>
public sealed class AgentSkillBudget(ISkillRepository skills, IOptions<LimitOptions> options)
{
    public const string TooLarge = "skills too large for one agent";

    /// <summary>400 when these skills together are over the budget.</summary>
    public async Task RequireWithinAsync(IReadOnlyCollection<Guid> skillIds, CancellationToken ct) =>
        Require(await skills.ClaimTextBytesAsync(skillIds, ct));

    /// <summary>400 when, as it now stands, the skill puts an agent that has it over the budget.</summary>
    public async Task RequireEditWithinAsync(Guid skillId, CancellationToken ct) =>
        Require(await skills.LargestAgentClaimTextBytesAsync(skillId, ct));

    private void Require(long bytes)
    {
        if (bytes > options.Value.MaxAgentSkillBytes)
            throw new BadRequestException(TooLarge);
    }
}
