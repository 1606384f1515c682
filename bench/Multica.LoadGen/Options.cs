using System.Globalization;

namespace Multica.LoadGen;

/// <summary>`--name value` pairs after the command word; every knob has a default.</summary>
public sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(IEnumerable<string> args)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? key = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (key is not null)
                    result[key] = "true"; // a flag without value
                key = arg[2..];
            }
            else if (key is not null)
            {
                result[key] = arg;
                key = null;
            }
        }
        if (key is not null)
            result[key] = "true";
        return new Options(result);
    }

    public string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);
    public string? Text(string name) => values.GetValueOrDefault(name);
    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public double Seconds(string name, double fallback) => values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public bool Flag(string name) => values.TryGetValue(name, out var v) && v is "true" or "1" or "yes";
}
