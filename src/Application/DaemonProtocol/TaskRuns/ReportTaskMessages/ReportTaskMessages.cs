using Multica.Application.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Tasks;
using Multica.Application.Tasks.Lifecycle;
using Multica.Application.Tasks.Redaction;
using Multica.Domain.Entities;

namespace Multica.Application.DaemonProtocol.TaskRuns.ReportTaskMessages;

public sealed record IncomingTaskMessage(int Seq, string? Type, string? Tool, string? Content, IReadOnlyDictionary<string, JsonElement>? Input, string? Output);

/// <summary>
/// POST /api/daemon/tasks/{taskId}/messages — a batch of live transcript messages, redacted, stored in
/// one statement and idempotent on (task_id, seq): a re-sent batch neither duplicates rows nor events.
/// </summary>
public sealed record ReportTaskMessagesCommand(string TaskId, IReadOnlyList<IncomingTaskMessage> Messages) : ICommand<StatusOkDto>, IDaemonTaskRefScoped;

/// <summary>A batch above <see cref="LimitOptions.MaxMessagesPerBatch"/> is refused whole (after the access check).</summary>
public sealed class ReportTaskMessagesValidator : AbstractValidator<ReportTaskMessagesCommand>
{
    public ReportTaskMessagesValidator(IOptions<LimitOptions> options) =>
        RuleFor(x => x.Messages.Count).LessThanOrEqualTo(options.Value.MaxMessagesPerBatch)
            .WithMessage($"too many messages (at most {options.Value.MaxMessagesPerBatch} per batch)");
}

public sealed class ReportTaskMessagesHandler(AccessScope scope, ITaskRepository tasks, TaskEvents events, TimeProvider time)
    : ICommandHandler<ReportTaskMessagesCommand, StatusOkDto>
{
    public async ValueTask<StatusOkDto> Handle(ReportTaskMessagesCommand command, CancellationToken ct)
    {
        if (command.Messages.Count == 0)
            return StatusOkDto.Ok;
        var task = scope.RequireTaskRef();
        var now = time.GetUtcNow().UtcDateTime;
        var redacted = command.Messages.Select(m => new NewTaskMessage(
            m.Seq,
            m.Type ?? "",
            TaskMapper.NullIfEmpty(m.Tool),
            TaskMapper.NullIfEmpty(SecretRedactor.Redact(m.Content)),
            RedactedInput(m.Input),
            TaskMapper.NullIfEmpty(SecretRedactor.Redact(m.Output)))).ToList();

        var inserted = await tasks.InsertMessagesAsync(task.Id, redacted, now, ct)
            ?? throw new NotFoundException(ErrorMessages.TaskNotFound);
        foreach (var message in redacted.Where(m => inserted.Contains(m.Seq)).DistinctBy(m => m.Seq))
        {
            var row = new TaskMessage
            {
                TaskId = task.Id, Seq = message.Seq, Type = message.Type, Tool = message.Tool,
                Content = message.Content, Input = message.InputJson, Output = message.Output,
            };
            events.Message(TaskMapper.ToDto(row, task.IssueId), scope.WorkspaceId);
        }
        return StatusOkDto.Ok;
    }

    private static string? RedactedInput(IReadOnlyDictionary<string, JsonElement>? input)
    {
        if (input is null)
            return null;
        var node = JsonSerializer.SerializeToNode(input);
        return SecretRedactor.RedactInput(node)?.ToJsonString();
    }
}
