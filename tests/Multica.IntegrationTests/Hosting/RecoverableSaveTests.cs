using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Entities;
using Multica.Infrastructure.Persistence;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Hosting;

/// <summary>
/// Transactions run without EF Core's automatic savepoints (two round trips per save). The saves that catch a
/// refusal and go on take their own savepoint, so the transaction they run in stays usable.
/// </summary>
public sealed class RecoverableSaveTests
{
    [Test]
    public async Task RefusedSave_InsideATransaction_LeavesTheTransactionUsable()
    {
        var email = $"recoverable-{Guid.NewGuid():N}@example.com";
        await DaemonSeed.ExecAsync("INSERT INTO \"user\" (name, email) VALUES ('first', @e)", ("e", email));

        using var scope = TestEnvironment.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserRepository>();
        var transactions = scope.ServiceProvider.GetRequiredService<ITransactionRunner>();
        var db = scope.ServiceProvider.GetRequiredService<MulticaDbContext>();

        var (existing, after) = await transactions.RunAsync(async token =>
        {
            // The insert hits the unique email and falls back to the stored user...
            var user = await users.CreateOrGetAsync(new User { Id = Guid.NewGuid(), Name = "second", Email = email }, token);
            // ...and the same transaction goes on.
            var count = await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM \"user\" WHERE email = {0}", email)
                .SingleAsync(token);
            return (user, count);
        }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(existing.Name, Is.EqualTo("first"));
            Assert.That(after, Is.EqualTo(1));
        });
    }
}
