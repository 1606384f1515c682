using Multica.Application.Tasks.Finishing;
using Multica.Domain.Entities;

namespace Multica.UnitTests.Support;

/// <summary>
/// The finish steps' statements answered from the test's own rules: what was queued is recorded, and each answer comes
/// from the matching function when the round trip is sent (answers are not known before, as with the database).
/// </summary>
public sealed class FakeFinishStatements : IFinishStatements
{
    private readonly List<Action> _pending = [];

    public Func<Guid, Agent?> Reconcile { get; set; } = _ => null;
    public Func<Guid, Issue?> Stamp { get; set; } = _ => null;
    public Func<Comment, DateTime?, Issue?> PostComment { get; set; } = (_, _) => null;

    public List<Comment> Comments { get; } = [];
    public List<Guid> Stamps { get; } = [];
    public List<ActivityLog> Activities { get; } = [];
    public int Sends { get; private set; }

    public Queued<Agent?> ReconcileAgentStatus(Guid agentId, string busyStatus, string idleStatus, DateTime now) =>
        Later(() => Reconcile(agentId));

    public Queued<Issue?> StampFirstExecuted(Guid issueId, DateTime now)
    {
        Stamps.Add(issueId);
        return Later(() => Stamp(issueId));
    }

    public Queued<Issue?> InsertCommentUnlessAgentCommented(Comment comment, DateTime? since)
    {
        Comments.Add(comment);
        return Later(() => PostComment(comment, since));
    }

    public Func<ActivityLog, bool> Activity { get; set; } = _ => true;

    public Queued<bool> InsertActivity(ActivityLog entry)
    {
        Activities.Add(entry);
        return Later(() => Activity(entry));
    }

    public Task SendAsync(CancellationToken ct)
    {
        if (_pending.Count > 0)
            Sends++;
        foreach (var answer in _pending)
            answer();
        _pending.Clear();
        return Task.CompletedTask;
    }

    private Queued<T> Later<T>(Func<T> answer)
    {
        var queued = new Queued<T>();
        _pending.Add(() =>
        {
            try
            {
                queued.Answer(answer());
            }
            catch (AnswerLost lost)
            {
                queued.Lose(lost);
            }
            catch (Exception ex)
            {
                queued.Fail(ex);
            }
        });
        return queued;
    }

    /// <summary>Thrown by an answer function: the statement ran, its answer was lost (any other exception: it failed).</summary>
    public sealed class AnswerLost() : Exception("answer lost");
}
