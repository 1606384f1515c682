namespace Multica.Domain.Entities;

/// <summary>An emoji one actor (member or agent) put on a comment; at most one row per actor, comment and emoji.</summary>
public class CommentReaction
{
    public Guid Id { get; set; }
    public Guid CommentId { get; set; }
    public Guid WorkspaceId { get; set; }
    public string ActorType { get; set; } = "member";
    public Guid ActorId { get; set; }
    public string Emoji { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>An emoji one actor (member or agent) put on an issue; at most one row per actor, issue and emoji.</summary>
public class IssueReaction
{
    public Guid Id { get; set; }
    public Guid IssueId { get; set; }
    public Guid WorkspaceId { get; set; }
    public string ActorType { get; set; } = "member";
    public Guid ActorId { get; set; }
    public string Emoji { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
