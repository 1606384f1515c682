namespace Multica.Application.Tasks.StateMachine;

/// <summary>A daemon's completion report: the pull request, the output and the run's session.</summary>
public sealed record CompleteInput(string? PrUrl, string? Output, TaskRunSession Session);
