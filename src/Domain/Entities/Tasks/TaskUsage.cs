namespace Multica.Domain.Entities;

public class TaskUsage
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }
    public string Provider { get; set; } = "";
    public string Model { get; set; } = "";
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public long CacheReadTokens { get; set; }
    public long CacheWriteTokens { get; set; }
    public DateTime CreatedAt { get; set; }
}
