namespace Multica.Application.Search.Shared;

/// <summary>limit (default 20, at most 50; anything unreadable is the default) and offset (default 0) of the search routes.</summary>
public static class SearchPaging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
    public const string QRequired = "q parameter is required";

    public static (int Limit, int Offset) Parse(string? limit, string? offset) =>
        (int.TryParse(limit, out var l) && l > 0 ? Math.Min(l, MaxLimit) : DefaultLimit, int.TryParse(offset, out var o) && o >= 0 ? o : 0);
}
