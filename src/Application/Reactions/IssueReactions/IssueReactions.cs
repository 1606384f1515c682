using Mediator;
using Multica.Application.Actors;
using Multica.Application.Common.Security;
using Multica.Application.Issues.Shared;
using Multica.Application.Reactions.Shared;
using Multica.Domain.Entities;

namespace Multica.Application.Reactions.IssueReactions;

/// <summary>POST /api/issues/{id}/reactions {"emoji"}: 201 with the reaction (the existing one when repeated).</summary>
public sealed record AddIssueReactionCommand(string WorkspaceId, string IssueId, ActorHints Actor, string? Emoji)
    : ICommand<IssueReactionDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

/// <summary>DELETE /api/issues/{id}/reactions {"emoji"}: 204, also when the caller had no such reaction.</summary>
public sealed record RemoveIssueReactionCommand(string WorkspaceId, string IssueId, ActorHints Actor, string? Emoji)
    : ICommand<Unit>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class IssueReactionHandlers(
    IssueLookup lookup,
    IActorResolver actors,
    IReactionRepository reactions,
    ReactionEvents events,
    TimeProvider time) : ICommandHandler<AddIssueReactionCommand, IssueReactionDto>, ICommandHandler<RemoveIssueReactionCommand, Unit>
{
    public async ValueTask<IssueReactionDto> Handle(AddIssueReactionCommand c, CancellationToken ct)
    {
        var (issue, emoji, actor) = await ResolveAsync(c.IssueId, c.Emoji, c.Actor, ct);
        var dto = IssueReactionDto.From(await reactions.AddToIssueAsync(issue, actor.Type, actor.Id, emoji, time.GetUtcNow().UtcDateTime, ct));
        events.IssueReactionAdded(dto, issue, actor);
        return dto;
    }

    public async ValueTask<Unit> Handle(RemoveIssueReactionCommand c, CancellationToken ct)
    {
        var (issue, emoji, actor) = await ResolveAsync(c.IssueId, c.Emoji, c.Actor, ct);
        await reactions.RemoveFromIssueAsync(issue.Id, actor.Type, actor.Id, emoji, ct);
        events.IssueReactionRemoved(issue, emoji, actor);
        return Unit.Value;
    }

    private async Task<(Issue Issue, string Emoji, Actor Actor)> ResolveAsync(string issueId, string? emoji, ActorHints hints, CancellationToken ct)
    {
        var issue = await lookup.RequireAsync(issueId, ct);
        var required = ReactionRequest.RequireEmoji(emoji);
        return (issue, required, await actors.ResolveAsync(issue.WorkspaceId, hints, ct));
    }
}
