using System.Globalization;
using System.Text.RegularExpressions;

namespace Multica.IntegrationTests.Observability;

/// <summary>Reads samples out of a Prometheus text exposition.</summary>
public static partial class PrometheusText
{
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    /// <summary>GET /metrics from the server behind <paramref name="client"/>, parsed.</summary>
    public static async Task<IReadOnlyList<Sample>> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        NUnit.Framework.Assert.That(response.StatusCode, NUnit.Framework.Is.EqualTo(System.Net.HttpStatusCode.OK));
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static IReadOnlyList<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var match = SampleLine().Match(line);
            if (!match.Success)
                continue;
            var labels = Label().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, CultureInfo.InvariantCulture),
            };
            samples.Add(new Sample(match.Groups["name"].Value, labels, value));
        }
        return samples;
    }

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include every given pair.</summary>
    public static double Sum(this IReadOnlyList<Sample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
            .Sum(s => s.Value);

    public static bool Has(this IReadOnlyList<Sample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Any(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value));
}
