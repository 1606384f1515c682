namespace Multica.Application.Common.Interfaces;

/// <summary>A product-analytics event (docs/realtime.md).</summary>
public sealed record AnalyticsEvent(
    string Name,
    string DistinctId,
    Guid? WorkspaceId,
    IReadOnlyDictionary<string, object?> Properties);

/// <summary>Analytics sink: must never block or fail the caller.</summary>
public interface IAnalytics
{
    void Capture(AnalyticsEvent evt);
}
