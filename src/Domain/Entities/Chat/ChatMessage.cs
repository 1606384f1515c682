namespace Multica.Domain.Entities;

public class ChatMessage
{
    public Guid Id { get; set; }
    public Guid ChatSessionId { get; set; }
    public string Role { get; set; } = "user";
    public string Content { get; set; } = "";
    public Guid? TaskId { get; set; }
    public DateTime CreatedAt { get; set; }
}
