using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Chat.Shared;

namespace Multica.Application.Chat.ListChatMessages;

/// <summary>GET /api/chat/sessions/{sessionId}/messages: oldest first.</summary>
public sealed record ListChatMessagesQuery(string WorkspaceId, string SessionId) : IQuery<IReadOnlyList<ChatMessageDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListChatMessagesHandler(ChatSessionAccess access, IChatRepository chats)
    : IQueryHandler<ListChatMessagesQuery, IReadOnlyList<ChatMessageDto>>
{
    public async ValueTask<IReadOnlyList<ChatMessageDto>> Handle(ListChatMessagesQuery query, CancellationToken ct)
    {
        var session = await access.RequireOwnAsync(query.SessionId, ct);
        return (await chats.ListMessagesAsync(session.Id, ct)).Select(ChatMessageDto.From).ToList();
    }
}
