using Multica.Application.Common.Errors;

namespace Multica.Application.Reactions.Shared;

/// <summary>The {"emoji"} body of the reaction routes; checked after the target is found (a missing target answers 404 first).</summary>
public static class ReactionRequest
{
    public static string RequireEmoji(string? emoji) =>
        string.IsNullOrEmpty(emoji) ? throw new BadRequestException("emoji is required") : emoji;
}
