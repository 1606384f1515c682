using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Chat.Shared;

namespace Multica.Application.Chat.GetChatSession;

/// <summary>GET /api/chat/sessions/{sessionId}.</summary>
public sealed record GetChatSessionQuery(string WorkspaceId, string SessionId) : IQuery<ChatSessionDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class GetChatSessionHandler(ChatSessionAccess access) : IQueryHandler<GetChatSessionQuery, ChatSessionDto>
{
    public async ValueTask<ChatSessionDto> Handle(GetChatSessionQuery query, CancellationToken ct) =>
        ChatSessionDto.From(await access.RequireOwnAsync(query.SessionId, ct));
}
