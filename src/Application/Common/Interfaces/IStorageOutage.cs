namespace Multica.Application.Common.Interfaces;

/// <summary>
/// Recognises a failure that means the database cannot be reached (as opposed to a bug), so it answers
/// 503 <c>{"error":"database unavailable"}</c> with one log line per failure kind instead of a stack trace per request.
/// </summary>
public interface IStorageOutage
{
    /// <summary>True when <paramref name="exception"/> (or one it wraps) is the database being unreachable; logs it (throttled per kind).</summary>
    bool IsOutage(Exception exception);
}
