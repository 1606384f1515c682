namespace Multica.Domain.Entities;

// Plain persistence-ignorant entities; one class per table of the data model.
// Timestamps are UTC DateTime. jsonb columns are carried as raw JSON text.
public class User
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string? AvatarUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? OnboardedAt { get; set; }
    public string OnboardingQuestionnaire { get; set; } = "{}";
    public string? CloudWaitlistEmail { get; set; }
    public string? CloudWaitlistReason { get; set; }
    public string? StarterContentState { get; set; }
}
