namespace Multica.Domain.Entities;

public class AutopilotRun
{
    public Guid Id { get; set; }
    public Guid AutopilotId { get; set; }
    public Guid? TriggerId { get; set; }
    public string Source { get; set; } = "manual";
    public string Status { get; set; } = "running";
    public Guid? IssueId { get; set; }
    public Guid? TaskId { get; set; }
    public DateTime TriggeredAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? FailureReason { get; set; }
    public string? TriggerPayload { get; set; }
    public string? Result { get; set; }
    public DateTime CreatedAt { get; set; }
}
