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
                var phases = string.Join(" ", timings.Phases.Select(p => $"{p.Key}_ms={p.Value:F1}"));
                logger.LogWarning("slow request {Request} total_ms={TotalMs:F1} {Phases}",
                    typeof(TMessage).Name, elapsed.TotalMilliseconds, phases);
            }
        }
    }
}
