using Microsoft.Extensions.Logging;
using Multica.Application.Tasks.Lifecycle;

namespace Multica.Application.Tasks.Finishing;

/// <summary>A completed chat task ends the turn: the assistant message is stored and chat:done published.</summary>
public sealed class ChatTurnStep(ITaskContextRepository context, TaskEvents events, TimeProvider time, ILogger<ChatTurnStep> logger)
    : TurnFinishStep
{
    public override async Task RunAsync(FinishedTask finished, FinishBatch batch, CancellationToken ct)
    {
        var task = finished.Task;
        if (finished.Cause != FinishCause.Completed || task.ChatSessionId is not { } chatSessionId)
            return;
        var session = await context.FindChatSessionAsync(chatSessionId, ct);
        if (session is null)
            return;
        if (finished.Output.Length > 0)
            await BestEffort.RunAsync(logger, "assistant message", task.Id,
                () => context.InsertAssistantMessageAsync(chatSessionId, task.Id, finished.Output, time.GetUtcNow().UtcDateTime, ct));
        events.ChatDone(chatSessionId, task.Id, finished.Output, session.WorkspaceId);
    }
}
