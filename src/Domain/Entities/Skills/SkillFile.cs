namespace Multica.Domain.Entities;

public class SkillFile
{
    public Guid Id { get; set; }
    public Guid SkillId { get; set; }
    public string Path { get; set; } = "";
    public string Content { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
