using Multica.Application.Common.Errors;

namespace Multica.Application.Daemon;

/// <summary>A 500 whose message is a fixed upstream wire string (never exception text).</summary>
public sealed class ServerErrorException(string message) : AppException(500, message);
