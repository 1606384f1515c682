using Multica.Application.Common.Realtime;
using Multica.Application.Comments.Events;
using Multica.Application.Reactions.Shared;
using FluentValidation;
using Mediator;
using Multica.Application.Actors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Comments.CreateComment;
using Multica.Application.Comments.Shared;

namespace Multica.Application.Comments.UpdateComment;

/// <summary>PUT /api/comments/{commentId}: its author or a workspace owner/admin edits the content.</summary>
public sealed record UpdateCommentCommand(string WorkspaceId, string CommentId, ActorHints Actor, string? Content)
    : ICommand<CommentDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class UpdateCommentValidator : AbstractValidator<UpdateCommentCommand>
{
    public UpdateCommentValidator()
    {
        RuleFor(x => x.Content).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("content is required");
        RuleFor(x => x.Content).Must(c => c is null || c.Length <= CreateCommentCommand.MaxContentLength).WithMessage("content is too long");
    }
}

public sealed class UpdateCommentHandler(
    AccessScope scope,
    CommentAccess access,
    ICommentRepository comments,
    IEventPublisher events,
    CommentExtrasLoader extras,
    TimeProvider time) : ICommandHandler<UpdateCommentCommand, CommentDto>
{
    public async ValueTask<CommentDto> Handle(UpdateCommentCommand command, CancellationToken ct)
    {
        var (comment, actor) = await access.RequireAuthorOrAdminAsync(command.CommentId, command.Actor,
            "only comment author or admin can edit", ct);
        comment.Content = command.Content!;
        comment.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await comments.UpdateContentAsync(comment.Id, comment.Content, comment.UpdatedAt, ct);
        var dto = CommentDto.From(comment, await extras.LoadAsync(comment, ct));
        events.Publish(new RealtimeEvent(EventTypes.CommentUpdated, new CommentUpdatedPayload(dto),
            scope.RequireWorkspaceId(), actor.Type, actor.Id));
        return dto;
    }
}
