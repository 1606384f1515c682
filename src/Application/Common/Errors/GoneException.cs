namespace Multica.Application.Common.Errors;

/// <summary>410: the thing existed but is no longer usable (an expired invitation).</summary>
public sealed class GoneException(string message) : AppException(410, message);
