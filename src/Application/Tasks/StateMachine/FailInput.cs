namespace Multica.Application.Tasks.StateMachine;

/// <summary>A daemon's failure report: the error, its reason and the run's session.</summary>
public sealed record FailInput(string? Error, string? FailureReason, TaskRunSession Session);
