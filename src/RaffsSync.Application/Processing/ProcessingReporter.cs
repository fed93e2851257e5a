using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Processing;

/// <summary>
/// Logs each processing step and counts it in <see cref="ProcessingMetrics"/>. Lines name the provider, event id
/// and type, attempt and outcome; they never contain a payload, a header value or a secret.
/// </summary>
public sealed partial class ProcessingReporter(ProcessingMetrics metrics, ILogger<ProcessingReporter> logger)
{
    private readonly ConcurrentDictionary<(string Provider, string EventType), bool> reportedIgnoredTypes = new();

    public void Processed(InboxEvent inboxEvent, int attempt, InboxEventOutcome outcome, TimeSpan elapsed)
    {
        metrics.RecordProcessed(inboxEvent.Provider, outcome);
        LogProcessed(
            logger,
            inboxEvent.Provider,
            inboxEvent.EventId,
            inboxEvent.EventType,
            attempt,
            outcome.ToName(),
            elapsed.TotalMilliseconds
        );

        // One line per type and process, so that a stream of unhandled events does not flood the log.
        var key = (inboxEvent.Provider, inboxEvent.EventType);
        if (outcome == InboxEventOutcome.Ignored && reportedIgnoredTypes.TryAdd(key, true))
        {
            LogUnhandledType(logger, inboxEvent.Provider, inboxEvent.EventType);
        }
    }

    public void RetryScheduled(
        InboxEvent inboxEvent,
        string error,
        DateTimeOffset nextAttemptAt,
        TimeSpan elapsed,
        Exception? exception
    )
    {
        metrics.RecordRetried(inboxEvent.Provider);
        LogRetryScheduled(
            logger,
            inboxEvent.Provider,
            inboxEvent.EventId,
            inboxEvent.EventType,
            inboxEvent.Attempts,
            elapsed.TotalMilliseconds,
            nextAttemptAt,
            error,
            exception
        );
    }

    public void DeadLettered(InboxEvent inboxEvent, string error, TimeSpan elapsed, Exception? exception)
    {
        metrics.RecordDeadLettered(inboxEvent.Provider);
        LogDeadLettered(
            logger,
            inboxEvent.Provider,
            inboxEvent.EventId,
            inboxEvent.EventType,
            inboxEvent.Attempts,
            elapsed.TotalMilliseconds,
            error,
            exception
        );
    }

    public void PendingCounted(long count) => metrics.SetPending(count);

    public void LeaseLost(InboxEvent inboxEvent) =>
        LogLeaseLost(logger, inboxEvent.Provider, inboxEvent.EventId, inboxEvent.EventType, inboxEvent.Attempts);

    public void Released(InboxEvent inboxEvent) =>
        LogReleased(logger, inboxEvent.Provider, inboxEvent.EventId, inboxEvent.EventType, inboxEvent.Attempts);

    public void RecordingFailed(InboxEvent inboxEvent, Exception exception) =>
        LogRecordingFailed(
            logger,
            inboxEvent.Provider,
            inboxEvent.EventId,
            inboxEvent.EventType,
            inboxEvent.Attempts,
            exception
        );

    public void InlineFailed(InboxEvent inboxEvent, TimeSpan elapsed, Exception exception) =>
        LogInlineFailed(
            logger,
            inboxEvent.Provider,
            inboxEvent.EventId,
            inboxEvent.EventType,
            elapsed.TotalMilliseconds,
            ErrorText.Describe(exception),
            exception
        );

    public void Replayed(InboxEvent inboxEvent) =>
        LogReplayed(logger, inboxEvent.Provider, inboxEvent.EventId, inboxEvent.EventType, inboxEvent.Status.ToName());

    [LoggerMessage(
        EventId = 2000,
        Level = LogLevel.Information,
        Message = "Processed {Provider} event {WebhookEventId} ({EventType}), attempt {Attempt}: {Outcome} in {ElapsedMs:0.0} ms"
    )]
    private static partial void LogProcessed(
        ILogger logger,
        string provider,
        string webhookEventId,
        string eventType,
        int attempt,
        string outcome,
        double elapsedMs
    );

    [LoggerMessage(
        EventId = 2001,
        Level = LogLevel.Warning,
        Message = "Processing {Provider} event {WebhookEventId} ({EventType}) failed on attempt {Attempt} after {ElapsedMs:0.0} ms; retry at {NextAttemptAt:O}: {Error}"
    )]
    private static partial void LogRetryScheduled(
        ILogger logger,
        string provider,
        string webhookEventId,
        string eventType,
        int attempt,
        double elapsedMs,
        DateTimeOffset nextAttemptAt,
        string error,
        Exception? exception
    );

    [LoggerMessage(
        EventId = 2002,
        Level = LogLevel.Error,
        Message = "Dead-lettered {Provider} event {WebhookEventId} ({EventType}) after attempt {Attempt} ({ElapsedMs:0.0} ms): {Error}"
    )]
    private static partial void LogDeadLettered(
        ILogger logger,
        string provider,
        string webhookEventId,
        string eventType,
        int attempt,
        double elapsedMs,
        string error,
        Exception? exception
    );

    [LoggerMessage(
        EventId = 2003,
        Level = LogLevel.Warning,
        Message = "Lease on {Provider} event {WebhookEventId} ({EventType}), attempt {Attempt}, expired before the outcome was recorded, so nothing was committed; another worker retries it"
    )]
    private static partial void LogLeaseLost(
        ILogger logger,
        string provider,
        string webhookEventId,
        string eventType,
        int attempt
    );

    [LoggerMessage(
        EventId = 2004,
        Level = LogLevel.Information,
        Message = "No handler acts on {Provider} events of type {EventType}; they are marked processed with outcome ignored"
    )]
    private static partial void LogUnhandledType(ILogger logger, string provider, string eventType);

    [LoggerMessage(
        EventId = 2005,
        Level = LogLevel.Information,
        Message = "Released {Provider} event {WebhookEventId} ({EventType}), attempt {Attempt}, because the worker is stopping"
    )]
    private static partial void LogReleased(
        ILogger logger,
        string provider,
        string webhookEventId,
        string eventType,
        int attempt
    );

    [LoggerMessage(
        EventId = 2006,
        Level = LogLevel.Error,
        Message = "Failed to record the failure of {Provider} event {WebhookEventId} ({EventType}), attempt {Attempt}; it is retried when its lease expires"
    )]
    private static partial void LogRecordingFailed(
        ILogger logger,
        string provider,
        string webhookEventId,
        string eventType,
        int attempt,
        Exception exception
    );

    [LoggerMessage(
        EventId = 2007,
        Level = LogLevel.Warning,
        Message = "Inline processing of {Provider} event {WebhookEventId} ({EventType}) failed after {ElapsedMs:0.0} ms, so the delivery was not stored: {Error}"
    )]
    private static partial void LogInlineFailed(
        ILogger logger,
        string provider,
        string webhookEventId,
        string eventType,
        double elapsedMs,
        string error,
        Exception exception
    );

    [LoggerMessage(
        EventId = 2008,
        Level = LogLevel.Information,
        Message = "Replaying {Provider} event {WebhookEventId} ({EventType}), which was {PreviousStatus}"
    )]
    private static partial void LogReplayed(
        ILogger logger,
        string provider,
        string webhookEventId,
        string eventType,
        string previousStatus
    );
}
