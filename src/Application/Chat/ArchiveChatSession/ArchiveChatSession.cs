using Mediator;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Application.Chat.Shared;

namespace Multica.Application.Chat.ArchiveChatSession;

/// <summary>DELETE /api/chat/sessions/{sessionId}: archives (messages are kept).</summary>
public sealed record ArchiveChatSessionCommand(string WorkspaceId, string SessionId) : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ArchiveChatSessionHandler(ChatSessionAccess access, IChatRepository chats, TimeProvider time)
    : ICommandHandler<ArchiveChatSessionCommand, Unit>
{
    public async ValueTask<Unit> Handle(ArchiveChatSessionCommand command, CancellationToken ct)
    {
        var session = await access.RequireOwnAsync(command.SessionId, ct);
        await chats.SetStatusAsync(session.Id, ChatSessionStatus.Archived, time.GetUtcNow().UtcDateTime, ct);
        return Unit.Value;
    }
}
