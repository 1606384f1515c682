using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Multica.Application.Common.Interfaces;
using Npgsql;

namespace Multica.Infrastructure.Persistence;

/// <summary>
/// Npgsql's view of an outage: a connection-level <see cref="NpgsqlException"/> (refused, reset, timed out),
/// or a server error of class 08 (connection exception) or 57P (operator intervention: shutdown, starting up).
/// Each kind is logged once per <see cref="LogInterval"/>, without a stack trace.
/// </summary>
public sealed class StorageOutage(ILogger<StorageOutage> logger, TimeProvider time) : IStorageOutage
{
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastLogged = new();

    public bool IsOutage(Exception exception)
    {
        var kind = Classify(exception);
        if (kind is null)
            return false;
        var now = time.GetUtcNow();
        var last = _lastLogged.GetOrAdd(kind, DateTimeOffset.MinValue);
        if (now - last >= LogInterval && _lastLogged.TryUpdate(kind, now, last))
            logger.LogWarning("database unavailable: {Kind}", kind);
        return true;
    }

    private static string? Classify(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal):
                    return $"{pg.SqlState} {pg.MessageText}";
                case PostgresException:
                    return null;
                case NpgsqlException npgsql:
                    return npgsql.InnerException switch
                    {
                        SocketException socket => $"socket {socket.SocketErrorCode}",
                        TimeoutException => "timeout",
                        IOException => "connection lost",
                        _ => npgsql.Message,
                    };
            }
        }
        return null;
    }
}
