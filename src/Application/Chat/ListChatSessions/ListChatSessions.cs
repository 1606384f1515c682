using FluentValidation;
using Mediator;
using Multica.Application.Common.Security;
using Multica.Application.Chat.Shared;

namespace Multica.Application.Chat.ListChatSessions;

/// <summary>GET /api/chat/sessions[?status=all]: the caller's sessions, most recently updated first.</summary>
public sealed record ListChatSessionsQuery(string WorkspaceId, string? Status) : IQuery<IReadOnlyList<ChatSessionDto>>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class ListChatSessionsValidator : AbstractValidator<ListChatSessionsQuery>
{
    public ListChatSessionsValidator() =>
        RuleFor(x => x.Status).Must(s => string.IsNullOrEmpty(s) || s is "all" or "active").WithMessage("status must be all or active");
}

public sealed class ListChatSessionsHandler(AccessScope scope, ICallerContext caller, IChatRepository chats)
    : IQueryHandler<ListChatSessionsQuery, IReadOnlyList<ChatSessionDto>>
{
    public async ValueTask<IReadOnlyList<ChatSessionDto>> Handle(ListChatSessionsQuery query, CancellationToken ct) =>
        (await chats.ListSessionsAsync(scope.RequireWorkspaceId(), caller.RequireUserId(), query.Status == "all", ct))
        .Select(s => ChatSessionDto.From(s, inList: true)).ToList();
}
