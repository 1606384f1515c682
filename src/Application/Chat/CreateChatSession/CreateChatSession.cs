using FluentValidation;
using Mediator;
using Multica.Application.Agents;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Application.Chat.Shared;

namespace Multica.Application.Chat.CreateChatSession;

/// <summary>POST /api/chat/sessions {"agent_id", "title"?}.</summary>
public sealed record CreateChatSessionCommand(string WorkspaceId, string? AgentId, string? Title)
    : ICommand<ChatSessionDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class CreateChatSessionValidator : AbstractValidator<CreateChatSessionCommand>
{
    public CreateChatSessionValidator()
    {
        RuleFor(x => x.AgentId).Must(a => !string.IsNullOrWhiteSpace(a)).WithMessage("agent_id is required");
        RuleFor(x => x.Title).Must(t => t is null || t.Length <= 500).WithMessage("title is too long");
    }
}

public sealed class CreateChatSessionHandler(AccessScope scope, ICallerContext caller, IAgentRepository agents, IChatRepository chats,
    TimeProvider time) : ICommandHandler<CreateChatSessionCommand, ChatSessionDto>
{
    public async ValueTask<ChatSessionDto> Handle(CreateChatSessionCommand command, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var agent = Ids.Parse(command.AgentId) is { } id ? await agents.FindAsync(workspaceId, id, ct) : null;
        if (agent is null)
            throw new NotFoundException("agent not found");
        if (agent.ArchivedAt is not null)
            throw new BadRequestException("agent is archived");
        var now = time.GetUtcNow().UtcDateTime;
        var session = new ChatSession
        {
            Id = Guid.NewGuid(),
            WorkspaceId = workspaceId,
            AgentId = agent.Id,
            CreatorId = caller.RequireUserId(),
            Title = command.Title ?? "",
            Status = ChatSessionStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await chats.AddSessionAsync(session, ct);
        return ChatSessionDto.From(session);
    }
}
