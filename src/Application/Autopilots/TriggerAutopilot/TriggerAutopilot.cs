using Multica.Application.Common.Realtime;
using Multica.Application.Issues.Events;
using Multica.Application.Autopilots.Events;
using System.Globalization;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Issues;
using Multica.Application.Tasks;
using Multica.Domain.Constants;
using Multica.Domain.Entities;
using Multica.Application.Autopilots.Shared;
using Multica.Application.Issues.Shared;

namespace Multica.Application.Autopilots.TriggerAutopilot;

/// <summary>
/// POST /api/autopilots/{id}/trigger (docs/api.md): a manual run that either creates an issue
/// for the agent (create_issue) or a run-only task (run_only). Any failure ends the run "failed" and
/// answers 500 "failed to trigger autopilot: &lt;reason&gt;" (an issue already created is kept).
/// </summary>
public sealed record TriggerAutopilotCommand(string WorkspaceId, string AutopilotId) : ICommand<AutopilotRunDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class TriggerAutopilotHandler(
    ICallerContext caller,
    AutopilotAccess access,
    IAutopilotRepository autopilots,
    IIssueRepository issues,
    IssueLookup lookup,
    ITaskEnqueueService enqueue,
    ITransactionRunner transactions,
    IEventPublisher events,
    IssueEvents issueEvents,
    TimeProvider time) : ICommandHandler<TriggerAutopilotCommand, AutopilotRunDto>
{
    public async ValueTask<AutopilotRunDto> Handle(TriggerAutopilotCommand command, CancellationToken ct)
    {
        var autopilot = await access.RequireAsync(command.AutopilotId, ct);
        if (autopilot.Status != AutopilotStatus.Active)
            throw new BadRequestException("autopilot is not active");

        var now = time.GetUtcNow().UtcDateTime;
        var createIssue = autopilot.ExecutionMode == AutopilotExecutionMode.CreateIssue;
        var run = new AutopilotRun
        {
            Id = Guid.NewGuid(),
            AutopilotId = autopilot.Id,
            Source = AutopilotRunSource.Manual,
            Status = createIssue ? AutopilotRunStatus.IssueCreated : AutopilotRunStatus.Running,
            TriggeredAt = now,
            CreatedAt = now,
        };
        await autopilots.AddRunAsync(run, ct);

        try
        {
            if (createIssue)
            {
                var issue = await CreateIssueAsync(autopilot, now, ct);
                run.IssueId = issue.Id;
                await autopilots.UpdateRunAsync(run, ct);
                issueEvents.IssueCreated(await lookup.ToDtoAsync(issue, ct), issue.CreatorType, issue.CreatorId);
                await enqueue.EnqueueForIssueAsync(issue.Id, autopilot.AssigneeId, null, ct);
            }
            else
            {
                var task = await enqueue.EnqueueAutopilotRunAsync(run.Id, autopilot.AssigneeId, ct);
                run.TaskId = task.Id;
                await autopilots.UpdateRunAsync(run, ct);
            }
        }
        catch (TaskEnqueueException ex)
        {
            run.Status = AutopilotRunStatus.Failed;
            run.FailureReason = ex.Message;
            run.CompletedAt = time.GetUtcNow().UtcDateTime;
            await autopilots.UpdateRunAsync(run, ct);
            throw new InternalErrorException($"failed to trigger autopilot: {ex.Message}");
        }

        autopilot.LastRunAt = now;
        await autopilots.UpdateAsync(autopilot, ct);
        events.Publish(new RealtimeEvent(EventTypes.AutopilotRunStart, new AutopilotRunStartPayload(run.Id, autopilot.Id, run.Source, run.Status),
            autopilot.WorkspaceId, ActorType.Member, caller.RequireUserId()));
        return AutopilotRunDto.From(run);
    }

    private async Task<Issue> CreateIssueAsync(Autopilot autopilot, DateTime now, CancellationToken ct)
    {
        var date = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var title = (string.IsNullOrWhiteSpace(autopilot.IssueTitleTemplate) ? autopilot.Title : autopilot.IssueTitleTemplate)
            .Replace("{{date}}", date, StringComparison.Ordinal);
        var description = (autopilot.Description ?? "") +
            $"\n\n---\n*Autopilot run triggered at {now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. " +
            "After starting work, rename this issue to accurately reflect what you are doing.*";
        var issue = new Issue
        {
            Id = Guid.NewGuid(),
            WorkspaceId = autopilot.WorkspaceId,
            Title = title,
            Description = description,
            Status = IssueStatus.Todo,
            Priority = IssuePriority.None,
            AssigneeType = ActorType.Agent,
            AssigneeId = autopilot.AssigneeId,
            CreatorType = autopilot.CreatedByType,
            CreatorId = autopilot.CreatedById,
            OriginType = "autopilot",
            OriginId = autopilot.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await transactions.RunAsync(async token =>
        {
            await issues.CreateAsync(issue, null, token);
            return true;
        }, ct);
        return issue;
    }
}
