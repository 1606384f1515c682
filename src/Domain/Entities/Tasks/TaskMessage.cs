namespace Multica.Domain.Entities;

public class TaskMessage
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }
    public int Seq { get; set; }
    public string Type { get; set; } = "";
    public string? Tool { get; set; }
    public string? Content { get; set; }
    public string? Input { get; set; }
    public string? Output { get; set; }
    public DateTime CreatedAt { get; set; }
}
