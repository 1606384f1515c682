namespace Multica.Domain.Constants;

public static class RuntimeMode
{
    public const string Local = "local";
    public const string Cloud = "cloud";
}
