namespace Multica.Application.Daemon;

/// <summary>The {"status":"ok"} body many daemon routes answer with.</summary>
public sealed record StatusOkDto(string Status)
{
    public static readonly StatusOkDto Ok = new("ok");
}
