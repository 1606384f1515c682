using Microsoft.Extensions.Logging;
using Npgsql;

namespace Multica.Infrastructure.Cluster;

/// <summary>
/// A PostgreSQL session advisory lock held on a dedicated, unpooled connection for as long as this node
/// wants it. The lock dies with the connection: a node that stops (or whose process dies, so that its
/// socket closes) releases it at once and another node's next <see cref="TryHoldAsync"/> takes it.
/// </summary>
public sealed class AdvisoryLock(string connectionString, long key, ILogger logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _connection;

    /// <summary>True while this node holds the lock (as of the last <see cref="TryHoldAsync"/>).</summary>
    public bool IsHeld => _connection is not null;

    /// <summary>Keeps the lock if this node holds it and its connection still answers, else tries to take it.</summary>
    public async Task<bool> TryHoldAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_connection is not null)
            {
                try
                {
                    await using var ping = new NpgsqlCommand("SELECT 1", _connection);
                    await ping.ExecuteScalarAsync(ct);
                    return true;
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
                {
                    logger.LogWarning("advisory lock {Key}: connection lost ({Message}); lock released", key, ex.Message);
                    await DropAsync();
                }
            }

            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            try
            {
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                if (await command.ExecuteScalarAsync(ct) is true)
                {
                    _connection = connection;
                    return true;
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("advisory lock {Key}: could not try ({Message})", key, ex.Message);
            }
            await connection.DisposeAsync();
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gives the lock up (closing its connection).</summary>
    public async Task ReleaseAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await DropAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DropAsync()
    {
        if (_connection is null)
            return;
        try { await _connection.DisposeAsync(); } catch (NpgsqlException) { }
        _connection = null;
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();
}

/// <summary>The advisory-lock keys the nodes agree on (arbitrary constants, unique within this database).</summary>
public static class AdvisoryLockKeys
{
    /// <summary>Held by the one node that runs the stale-work sweeper.</summary>
    public const long Sweeper = 0x6D756C5F73776570; // "mul_swep"

    /// <summary>Held by a node that runs without Redis, so a second such node is refused.</summary>
    public const long NodeWithoutRedis = 0x6D756C5F736F6C6F; // "mul_solo"
}
