using Multica.Application.Common.Realtime;
using Multica.Application.Chat.Events;
using FluentValidation;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Application.Chat.Shared;

namespace Multica.Application.Chat.SendChatMessage;

/// <summary>
/// POST /api/chat/sessions/{sessionId}/messages (docs/lifecycle.md): stores the user message, then
/// enqueues a chat task; an enqueue failure is 500 and the message stays.
/// </summary>
public sealed record SendChatMessageCommand(string WorkspaceId, string SessionId, string? Content)
    : ICommand<SentChatMessageDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class SendChatMessageValidator : AbstractValidator<SendChatMessageCommand>
{
    public SendChatMessageValidator()
    {
        RuleFor(x => x.Content).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("content is required");
        RuleFor(x => x.Content).Must(c => c is null || c.Length <= 1_000_000).WithMessage("content is too long");
    }
}

public sealed class SendChatMessageHandler(
    ChatSessionAccess access,
    ICallerContext caller,
    IChatRepository chats,
    ITaskEnqueueService enqueue,
    IEventPublisher events,
    TimeProvider time) : ICommandHandler<SendChatMessageCommand, SentChatMessageDto>
{
    public async ValueTask<SentChatMessageDto> Handle(SendChatMessageCommand command, CancellationToken ct)
    {
        var session = await access.FindAsync(command.SessionId, ct);
        if (session.Status == ChatSessionStatus.Archived)
            throw new BadRequestException("chat session is archived");
        access.RequireOwn(session);

        var now = time.GetUtcNow().UtcDateTime;
        var message = new ChatMessage
        {
            Id = Guid.NewGuid(), ChatSessionId = session.Id, Role = ChatRole.User, Content = command.Content!, CreatedAt = now,
        };
        // Stored first so the daemon always finds the message the task answers.
        await chats.AddMessageAsync(message, ct);

        AgentTask task;
        try
        {
            task = await enqueue.EnqueueChatTaskAsync(session.Id, ct);
        }
        catch (TaskEnqueueException ex)
        {
            throw new InternalErrorException($"failed to enqueue chat task: {ex.Message}");
        }
        await chats.TouchAsync(session.Id, now, ct);

        events.Publish(new RealtimeEvent(EventTypes.ChatMessage, new ChatMessagePayload(session.Id, message.Id, ChatRole.User, message.Content, task.Id, message.CreatedAt),
            session.WorkspaceId, ActorType.Member, caller.RequireUserId()));
        return new SentChatMessageDto(message.Id, task.Id);
    }
}
