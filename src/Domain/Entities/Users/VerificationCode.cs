namespace Multica.Domain.Entities;

public class VerificationCode
{
    public Guid Id { get; set; }
    public string Email { get; set; } = "";
    public string Code { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
    public bool Used { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
}
