using Microsoft.Extensions.DependencyInjection;

namespace Multica.Application.Common;

/// <summary>
/// <see cref="Lazy{T}"/> from the request's scope (registered for every <c>Lazy&lt;T&gt;</c>): the service is resolved
/// the first time <see cref="Lazy{T}.Value"/> is read, from the same scope, so it is the instance the scope's other
/// services get. For dependencies of hot paths that are usually answered from memory (an access check's database
/// context, an empty poll's claimer): building them, and renting a pooled database context for them, costs CPU on
/// every request that resolves them, used or not (docs/benchmarks.md, twelfth stop).
/// </summary>
public sealed class ScopedLazy<T>(IServiceProvider scope) : Lazy<T>(scope.GetRequiredService<T>) where T : notnull;
