using System.Collections.Concurrent;

namespace RaffsSync.Api.Logging;

/// <summary>
/// Counts rejected deliveries per provider and reason, and logs the counts at most once per interval at Warning,
/// so a retry storm or a scanner costs one log line a minute instead of one per request.
/// </summary>
internal sealed partial class RejectionLog(ILogger<RejectionLog> logger, TimeProvider timeProvider)
{
    private ConcurrentDictionary<(string Provider, string Reason), Counter> counts = new();
    private DateTimeOffset windowStart = timeProvider.GetUtcNow();

    public void Record(string provider, string reason)
    {
        var counter = counts.GetOrAdd((provider, reason), _ => new Counter());
        Interlocked.Increment(ref counter.Value);
    }

    /// <summary>Logs and resets the counts gathered since the previous flush.</summary>
    public void Flush()
    {
        var now = timeProvider.GetUtcNow();
        var flushed = Interlocked.Exchange(ref counts, new ConcurrentDictionary<(string, string), Counter>());
        var seconds = (int)(now - windowStart).TotalSeconds;
        windowStart = now;

        foreach (var ((provider, reason), counter) in flushed)
        {
            LogRejections(logger, Volatile.Read(ref counter.Value), provider, reason, seconds);
        }
    }

    [LoggerMessage(
        EventId = 1100,
        Level = LogLevel.Warning,
        Message = "Rejected {Count} deliveries for {Provider} with reason {Reason} in the last {Seconds} s"
    )]
    private static partial void LogRejections(ILogger logger, long count, string provider, string reason, int seconds);

    private sealed class Counter
    {
        public long Value;
    }
}

/// <summary>
/// Flushes <see cref="RejectionLog"/> once a minute, and once more at shutdown.
/// </summary>
internal sealed class RejectionLogFlusher(RejectionLog rejectionLog, TimeProvider timeProvider) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                rejectionLog.Flush();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            rejectionLog.Flush();
        }
    }
}
