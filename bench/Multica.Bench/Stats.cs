namespace Multica.Bench;

public static class Stats
{
    public static double Percentile(IReadOnlyList<double> samplesMs, double q)
    {
        var sorted = samplesMs.OrderBy(x => x).ToArray();
        return sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1))];
    }

    /// <summary>Appends "key TAB value TAB unit" to the figures file bench/run.sh collects (when one is given).</summary>
    public static void Figure(string? file, string key, double value, string unit)
    {
        if (file is not null)
            File.AppendAllText(file, FormattableString.Invariant($"{key}\t{value:0.###}\t{unit}\n"));
    }

    public static string Summary(IReadOnlyList<double> samplesMs)
    {
        if (samplesMs.Count == 0)
            return "no samples";
        var sorted = samplesMs.OrderBy(x => x).ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return $"n={sorted.Length} mean={sorted.Average():F1} ms p50={P(0.50):F1} ms p95={P(0.95):F1} ms p99={P(0.99):F1} ms max={sorted[^1]:F1} ms";
    }
}
