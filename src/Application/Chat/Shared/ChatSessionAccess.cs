using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Domain.Entities;

namespace Multica.Application.Chat.Shared;

/// <summary>Session look-up for {sessionId} routes: in the request workspace (404), and the caller's own (403).</summary>
public sealed class ChatSessionAccess(AccessScope scope, ICallerContext caller, IChatRepository chats)
{
    public async Task<ChatSession> FindAsync(string sessionId, CancellationToken ct)
    {
        var session = Ids.Parse(sessionId) is { } id ? await chats.FindSessionAsync(scope.RequireWorkspaceId(), id, ct) : null;
        return session ?? throw new NotFoundException("chat session not found");
    }

    public void RequireOwn(ChatSession session)
    {
        if (session.CreatorId != caller.RequireUserId())
            throw new ForbiddenException("not your chat session");
    }

    public async Task<ChatSession> RequireOwnAsync(string sessionId, CancellationToken ct)
    {
        var session = await FindAsync(sessionId, ct);
        RequireOwn(session);
        return session;
    }
}
