namespace Multica.Application.Common.Interfaces;

/// <summary>Runs a unit of work in one database transaction (retried as a whole on transient failures).</summary>
public interface ITransactionRunner
{
    Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct);
}
