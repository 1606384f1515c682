using System.Globalization;

namespace Multica.LoadGen;

/// <summary>
/// CPU time and resident memory of the server process, read from /proc (Linux). CPU per request is the
/// server's user+system time spent during a phase divided by the requests of that phase, so it includes
/// everything the server did meanwhile (background services, GC), which is the honest cost.
/// </summary>
public sealed class ServerProbe(int? pid, int clockTicksPerSecond)
{
    public bool Available => pid is not null && File.Exists($"/proc/{pid}/stat");

    /// <summary>utime + stime of the process in seconds, or null without a pid.</summary>
    public double? CpuSeconds()
    {
        if (!Available)
            return null;
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which is in parentheses and may contain spaces).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (double)ticks / clockTicksPerSecond;
    }

    /// <summary>VmRSS in MiB, or null without a pid.</summary>
    public double? RssMiB()
    {
        if (!Available)
            return null;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
                continue;
            var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return kb / 1024.0;
        }
        return null;
    }
}
