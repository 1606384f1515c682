namespace Multica.Domain.Entities;

public class AutopilotTrigger
{
    public Guid Id { get; set; }
    public Guid AutopilotId { get; set; }
    public string Kind { get; set; } = "schedule";
    public bool Enabled { get; set; } = true;
    public string? CronExpression { get; set; }
    public string? Timezone { get; set; } = "UTC";
    public DateTime? NextRunAt { get; set; }
    public string? WebhookToken { get; set; }
    public string? Label { get; set; }
    public DateTime? LastFiredAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
