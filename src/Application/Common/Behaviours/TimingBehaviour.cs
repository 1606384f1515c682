using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multica.Application.Common.Timing;

namespace Multica.Application.Common.Behaviours;

/// <summary>Times every request; past the threshold writes one structured line with the recorded phases.</summary>
public sealed class TimingBehaviour<TMessage, TResponse>(
    IRequestTimings timings,
    IOptions<SlowRequestOptions> options,
    ILogger<TimingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (elapsed.TotalMilliseconds >= options.Value.ThresholdMs)
            {
                var recorded = timings.Phases;
                var phases = string.Join(" ", recorded.Select(p => $"{p.Key}_ms={p.Value:F1}"));
                // Each phase is also a field of its own (e.g. claim_ms) for structured (JSON) logs.
                using var fields = logger.BeginScope(recorded.Select(p => new KeyValuePair<string, object?>($"{p.Key}_ms", Math.Round(p.Value, 1))).ToList());
                logger.LogWarning("{SlowRequest} total_ms={TotalMs:F1} {Phases}",
                    SlowRequestLogAttribute.For<TMessage>(), elapsed.TotalMilliseconds, phases);
            }
        }
    }
}
