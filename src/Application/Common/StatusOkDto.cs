using Multica.Application.Common;
namespace Multica.Application.Common;

/// <summary>The {"status":"ok"} body many daemon routes and every result report answer with.</summary>
public sealed record StatusOkDto(string Status)
{
    public static readonly StatusOkDto Ok = new("ok");
}
