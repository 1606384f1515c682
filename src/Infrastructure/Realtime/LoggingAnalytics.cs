using System.Text.Json;
using Microsoft.Extensions.Logging;
using Multica.Application.Common.Interfaces;

namespace Multica.Infrastructure.Realtime;

/// <summary>
/// Default sink: one structured log line per event, so operators see them without an analytics
/// backend. A PostHog-style sink can replace it behind the same interface.
/// </summary>
public sealed class LoggingAnalytics(ILogger<LoggingAnalytics> logger) : IAnalytics
{
    public void Capture(AnalyticsEvent evt)
    {
        try
        {
            logger.LogInformation("analytics {Event} distinct_id={DistinctId} workspace_id={WorkspaceId} properties={Properties}",
                evt.Name, evt.DistinctId, evt.WorkspaceId, JsonSerializer.Serialize(evt.Properties));
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException)
        {
            logger.LogDebug(ex, "analytics event {Event} could not be written", evt.Name);
        }
    }
}
