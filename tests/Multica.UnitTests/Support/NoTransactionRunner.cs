using Multica.Application.Common.Interfaces;

namespace Multica.UnitTests.Support;

/// <summary>A transaction runner with no database: work runs directly and after-commit work runs at once.</summary>
public sealed class NoTransactionRunner : ITransactionRunner
{
    public Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct) => work(ct);

    public Task AfterCommitAsync(Func<CancellationToken, Task> work, CancellationToken ct) => work(ct);

    public void AfterCommit(Action work) => work();
}
