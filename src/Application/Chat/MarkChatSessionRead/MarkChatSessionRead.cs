using Multica.Application.Common.Realtime;
using Multica.Application.Chat.Events;
using Mediator;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Application.Chat.Shared;

namespace Multica.Application.Chat.MarkChatSessionRead;

/// <summary>POST /api/chat/sessions/{sessionId}/read: clears the unread marker (updated_at untouched).</summary>
public sealed record MarkChatSessionReadCommand(string WorkspaceId, string SessionId) : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class MarkChatSessionReadHandler(ChatSessionAccess access, ICallerContext caller, IChatRepository chats, IEventPublisher events)
    : ICommandHandler<MarkChatSessionReadCommand, Unit>
{
    public async ValueTask<Unit> Handle(MarkChatSessionReadCommand command, CancellationToken ct)
    {
        var session = await access.RequireOwnAsync(command.SessionId, ct);
        await chats.ClearUnreadAsync(session.Id, ct);
        events.Publish(new RealtimeEvent(EventTypes.ChatSessionRead, new ChatSessionReadPayload(session.Id),
            session.WorkspaceId, ActorType.Member, caller.RequireUserId()));
        return Unit.Value;
    }
}
