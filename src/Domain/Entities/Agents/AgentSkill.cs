namespace Multica.Domain.Entities;

public class AgentSkill
{
    public Guid AgentId { get; set; }
    public Guid SkillId { get; set; }
    public DateTime CreatedAt { get; set; }
}
