using Multica.Application.Common.Validation;
using Multica.Application.Issues.Events;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;
using Multica.Application.Actors;
using Multica.Application.Agents;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Application.Issues.Shared;

namespace Multica.Application.Issues.UpdateIssue;

/// <summary>
/// PUT /api/issues/{id} (docs/api.md). title/description/status/priority/position change when
/// sent non-null; the assignee, due date, parent and project fields change whenever the key is sent
/// (null clears).
/// </summary>
public sealed record UpdateIssueCommand(
    string WorkspaceId,
    string IssueId,
    ActorHints Actor,
    string? Title,
    string? Description,
    string? Status,
    string? Priority,
    double? Position,
    Optional<string?> AssigneeType,
    Optional<string?> AssigneeId,
    Optional<string?> DueDate,
    Optional<string?> ParentIssueId,
    Optional<string?> ProjectId) : ICommand<IssueDto>, IWorkspaceMemberScoped, IIssueFields
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class UpdateIssueValidator : AbstractValidator<UpdateIssueCommand>
{
    public UpdateIssueValidator()
    {
        RuleFor(x => x.Title).NotBlankWhenGiven("title");
        Include(new IssueFieldsValidator());
        RuleFor(x => x.Position).Must(p => p is null || double.IsFinite(p.Value)).WithMessage("invalid position");
        RuleFor(x => x.AssigneeType.Value).Must(t => string.IsNullOrEmpty(t) || IssueRules.IsAssigneeType(t))
            .WithMessage(IssueRules.AssigneeTypeMessage).OverridePropertyName("assignee_type");
        RuleFor(x => x.AssigneeId.Value).ValidAssigneeId().OverridePropertyName("assignee_id");
        RuleFor(x => x.ParentIssueId.Value).ValidParentIssueId().OverridePropertyName("parent_issue_id");
        RuleFor(x => x.ProjectId.Value).ValidProjectId().OverridePropertyName("project_id");
        RuleFor(x => x.DueDate.Value).ValidDueDate().OverridePropertyName("due_date");
    }
}

public sealed class UpdateIssueHandler(
    AccessScope scope,
    ICallerContext caller,
    IActorResolver actors,
    IIssueRepository issues,
    IAgentRepository agents,
    IssueLookup lookup,
    ITaskEnqueueService enqueue,
    ITaskCancellationService cancellation,
    ITransactionRunner transactions,
    IssueEvents events,
    TimeProvider time,
    ILogger<UpdateIssueHandler> logger) : ICommandHandler<UpdateIssueCommand, IssueDto>
{
    public async ValueTask<IssueDto> Handle(UpdateIssueCommand c, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        var workspaceId = scope.RequireWorkspaceId();
        var issue = await lookup.RequireAsync(c.IssueId, ct);
        var before = Snapshot(issue);

        if (c.Title is not null)
            issue.Title = c.Title.Trim();
        if (c.Description is not null)
            issue.Description = c.Description;
        if (c.Status is not null)
            issue.Status = c.Status;
        if (c.Priority is not null)
            issue.Priority = c.Priority;
        if (c.Position is { } position)
            issue.Position = position;
        if (c.AssigneeType.IsSet)
            issue.AssigneeType = string.IsNullOrEmpty(c.AssigneeType.Value) ? null : c.AssigneeType.Value;
        if (c.AssigneeId.IsSet)
            issue.AssigneeId = Ids.Parse(c.AssigneeId.Value);
        if (c.DueDate.IsSet)
            issue.DueDate = Rfc3339.TryParse(c.DueDate.Value, out var due) ? due : null;
        if (c.ProjectId.IsSet)
            issue.ProjectId = Ids.Parse(c.ProjectId.Value);
        if (c.ParentIssueId.IsSet)
            issue.ParentIssueId = await ValidParentAsync(issue, Ids.Parse(c.ParentIssueId.Value), ct);

        if (issue.AssigneeType == ActorType.Agent && c.AssigneeId.HasValue && issue.AssigneeId is { } agentId)
            await IssueRules.RequireAssignableAgentAsync(agents, workspaceId, agentId, userId, scope.Member, ct);
        if (c.ProjectId.HasValue && issue.ProjectId is { } projectId && !await issues.ProjectExistsAsync(workspaceId, projectId, ct))
            throw new BadRequestException("project not found in this workspace");

        var actor = await actors.ResolveAsync(workspaceId, c.Actor, ct);
        // Unlike upstream, clearing the assignee with nulls counts as a change, so the old agent's work stops.
        var assigneeChanged = (c.AssigneeType.IsSet || c.AssigneeId.IsSet) &&
            (issue.AssigneeType != before.AssigneeType || issue.AssigneeId != before.AssigneeId);
        var statusChanged = issue.Status != before.Status;
        issue.UpdatedAt = time.GetUtcNow().UtcDateTime;

        await transactions.RunAsync(async token =>
        {
            await issues.UpdateAsync(issue, token);
            if (assigneeChanged || (statusChanged && issue.Status == IssueStatus.Cancelled))
                await cancellation.CancelActiveTasksForIssueAsync(issue.Id, null, token);
            return true;
        }, ct);

        var dto = await lookup.ToDtoAsync(issue, ct);
        // Inside a batch (one outer transaction) the event waits for that transaction's commit (IssueEvents).
        events.IssueUpdated(new IssueUpdatedPayload(dto,
            AssigneeChanged: assigneeChanged,
            StatusChanged: statusChanged,
            PriorityChanged: issue.Priority != before.Priority,
            DueDateChanged: issue.DueDate != before.DueDate,
            DescriptionChanged: issue.Description != before.Description,
            TitleChanged: issue.Title != before.Title,
            PrevTitle: before.Title,
            PrevAssigneeType: before.AssigneeType,
            PrevAssigneeId: before.AssigneeId,
            PrevStatus: before.Status,
            PrevPriority: before.Priority,
            PrevDueDate: before.DueDate,
            PrevDescription: before.Description,
            CreatorType: issue.CreatorType,
            CreatorId: issue.CreatorId),
            actor.Type, actor.Id);

        if (await ShouldEnqueueAsync(issue, before, assigneeChanged, statusChanged, actor, ct) is { } agent)
        {
            try
            {
                await enqueue.EnqueueForIssueAsync(issue, agent, null, ct);
            }
            catch (TaskEnqueueException ex)
            {
                logger.LogInformation("issue {IssueId}: no task enqueued on update: {Reason}", issue.Id, ex.Message);
            }
        }
        return dto;
    }

    /// <summary>docs/lifecycle.md: a new agent assignee, or a member moving the issue out of backlog.</summary>
    private async Task<Agent?> ShouldEnqueueAsync(Issue issue, Issue before, bool assigneeChanged, bool statusChanged, Actor actor,
        CancellationToken ct)
    {
        if (issue.Status == IssueStatus.Backlog)
            return null;
        var leftBacklog = statusChanged && !assigneeChanged && actor.IsMember && before.Status == IssueStatus.Backlog &&
            !IssueStatus.IsClosed(issue.Status);
        if (!assigneeChanged && !leftBacklog)
            return null;
        return await IssueRules.ReadyAgentAsync(agents, issue, ct);
    }

    private async Task<Guid?> ValidParentAsync(Issue issue, Guid? parentId, CancellationToken ct)
    {
        if (parentId is null)
            return null;
        if (parentId == issue.Id)
            throw new BadRequestException("an issue cannot be its own parent");
        var parent = await issues.FindAsync(issue.WorkspaceId, parentId.Value, ct)
            ?? throw new BadRequestException("parent issue not found in this workspace");
        var current = parent.ParentIssueId;
        for (var depth = 0; current is not null && depth < IssueRules.MaxParentDepth; depth++)
        {
            if (current == issue.Id)
                throw new BadRequestException("circular parent relationship detected");
            current = await issues.ParentIdAsync(current.Value, ct);
        }
        return parent.Id;
    }

    private static Issue Snapshot(Issue i) => new()
    {
        Title = i.Title, Description = i.Description, Status = i.Status, Priority = i.Priority, AssigneeType = i.AssigneeType,
        AssigneeId = i.AssigneeId, DueDate = i.DueDate,
    };
}
