using Multica.Domain.Entities;

namespace Multica.Application.Chat.Shared;

/// <summary>Chat session (docs/api.md); has_unread is meaningful only in lists.</summary>
public sealed record ChatSessionDto(Guid Id, Guid WorkspaceId, Guid AgentId, Guid CreatorId, string Title, string Status, bool HasUnread,
    DateTime CreatedAt, DateTime UpdatedAt)
{
    public static ChatSessionDto From(ChatSession s, bool inList = false) => new(s.Id, s.WorkspaceId, s.AgentId, s.CreatorId, s.Title,
        s.Status, inList && s.UnreadSince is not null, s.CreatedAt, s.UpdatedAt);
}

public sealed record ChatMessageDto(Guid Id, Guid ChatSessionId, string Role, string Content, Guid? TaskId, DateTime CreatedAt)
{
    public static ChatMessageDto From(ChatMessage m) => new(m.Id, m.ChatSessionId, m.Role, m.Content, m.TaskId, m.CreatedAt);
}

public sealed record SentChatMessageDto(Guid MessageId, Guid TaskId);
