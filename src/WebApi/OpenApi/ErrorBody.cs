namespace Multica.WebApi.OpenApi;

/// <summary>The body of every failure: <c>{"error": "message"}</c>.</summary>
public sealed record ErrorBody(string Error);
