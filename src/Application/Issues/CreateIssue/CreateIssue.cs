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

using Multica.Application.Attachments.Shared;

namespace Multica.Application.Issues.CreateIssue;

/// <summary>POST /api/issues (docs/api.md).</summary>
public sealed record CreateIssueCommand(
    string WorkspaceId,
    ActorHints Actor,
    string? Title,
    string? Description,
    string? Status,
    string? Priority,
    string? AssigneeType,
    string? AssigneeId,
    string? ParentIssueId,
    string? ProjectId,
    string? DueDate,
    IReadOnlyList<string>? AttachmentIds = null) : ICommand<IssueDto>, IWorkspaceMemberScoped, IIssueFields
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class CreateIssueValidator : AbstractValidator<CreateIssueCommand>
{
    public CreateIssueValidator()
    {
        RuleFor(x => x.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("title is required");
        Include(new IssueFieldsValidator());
        RuleFor(x => x.AssigneeType).Must(IssueRules.IsAssigneeType).WithMessage(IssueRules.AssigneeTypeMessage);
        RuleFor(x => x.AssigneeId).ValidAssigneeId();
        RuleFor(x => x.ParentIssueId).ValidParentIssueId();
        RuleFor(x => x.ProjectId).ValidProjectId();
        RuleFor(x => x.DueDate).ValidDueDate();
    }
}

public sealed class CreateIssueHandler(
    AccessScope scope,
    ICallerContext caller,
    IActorResolver actors,
    IIssueRepository issues,
    IAgentRepository agents,
    IssueLookup lookup,
    ITaskEnqueueService enqueue,
    ITransactionRunner transactions,
    AttachmentLifecycle attachments,
    IssueEvents events,
    TimeProvider time,
    ILogger<CreateIssueHandler> logger) : ICommandHandler<CreateIssueCommand, IssueDto>
{
    public async ValueTask<IssueDto> Handle(CreateIssueCommand c, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        var workspaceId = scope.RequireWorkspaceId();
        var assigneeId = Ids.Parse(c.AssigneeId);
        Agent? assignee = null;
        if (c.AssigneeType == ActorType.Agent && assigneeId is { } agentId)
            assignee = await IssueRules.RequireAssignableAgentAsync(agents, workspaceId, agentId, userId, scope.Member, ct);

        var projectId = Ids.Parse(c.ProjectId);
        Guid? parentId = null;
        if (!string.IsNullOrWhiteSpace(c.ParentIssueId))
        {
            var parent = await issues.FindAsync(workspaceId, Ids.Parse(c.ParentIssueId)!.Value, ct)
                ?? throw new BadRequestException("parent issue not found in this workspace");
            parentId = parent.Id;
            projectId ??= parent.ProjectId;
        }
        if (projectId is { } p && !await issues.ProjectExistsAsync(workspaceId, p, ct))
            throw new BadRequestException("project not found in this workspace");

        var actor = await actors.ResolveAsync(workspaceId, c.Actor, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var issue = new Issue
        {
            Id = Guid.NewGuid(),
            WorkspaceId = workspaceId,
            Title = c.Title!.Trim(),
            Description = c.Description,
            Status = c.Status ?? IssueStatus.Todo,
            Priority = c.Priority ?? IssuePriority.None,
            AssigneeType = string.IsNullOrEmpty(c.AssigneeType) ? null : c.AssigneeType,
            AssigneeId = assigneeId,
            CreatorType = actor.Type,
            CreatorId = actor.Id,
            ParentIssueId = parentId,
            ProjectId = projectId,
            DueDate = Rfc3339.TryParse(c.DueDate, out var due) ? due : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        // An issue created for a ready agent brings its first task, inserted with it.
        AgentTask? firstTask = null;
        if (issue.Status != IssueStatus.Backlog && IssueRules.ReadyAgent(issue, assignee) is { } ready)
        {
            try
            {
                firstTask = enqueue.FirstTaskFor(issue, ready);
            }
            catch (TaskEnqueueException ex)
            {
                logger.LogInformation("issue {IssueId}: no task enqueued on create: {Reason}", issue.Id, ex.Message);
            }
        }

        // The issue, its first task and the links of its uploads commit together; without uploads the issue and the task
        // are one round trip and one implicit transaction (no COMMIT round trip of their own).
        IReadOnlyList<AttachmentDto> linked = [];
        if (AttachmentLifecycle.NamesAny(c.AttachmentIds))
            linked = await transactions.RunAsync(async token =>
            {
                lookup.UsePrefix(await issues.CreateAsync(issue, firstTask, token));
                return await attachments.LinkToIssueAsync(issue, c.AttachmentIds, token);
            }, ct);
        else
            lookup.UsePrefix(await issues.CreateAsync(issue, firstTask, ct));

        var dto = await lookup.ToDtoAsync(issue, ct) with { Attachments = linked.Count == 0 ? null : linked };
        events.IssueCreated(dto, actor.Type, actor.Id);
        if (firstTask is not null)
            enqueue.Announce(firstTask);
        return dto;
    }
}
