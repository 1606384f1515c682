namespace Multica.Domain.Entities;

public class IssueSubscriber
{
    public Guid IssueId { get; set; }
    public string UserType { get; set; } = "member";
    public Guid UserId { get; set; }
    public string Reason { get; set; } = "manual";
    public DateTime CreatedAt { get; set; }
}
