using System.Diagnostics;
using RaffsSync.Api.Endpoints;
using RaffsSync.Application.Webhooks;

namespace RaffsSync.Api.Logging;

/// <summary>
/// The one log line per delivery: provider, topic, event id and type, outcome, status, duration and trace id.
/// Accepted and duplicate deliveries log at Information; rejections log at Debug and are counted by
/// <see cref="RejectionLog"/>, which reports them at Warning once a minute.
/// </summary>
internal readonly struct DeliveryLog(ILogger logger, RejectionLog rejectionLog, HttpContext context)
{
    public void Write(string provider, string? topic, WebhookResult result, long startedTimestamp)
    {
        var elapsed = Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds;
        var traceId = WebhookResponses.TraceId(context);
        if (result.IsSuccess || result.Outcome == "duplicate")
        {
            DeliveryLogMessages.LogAccepted(
                logger,
                provider,
                topic,
                result.EventId,
                result.EventType,
                result.Outcome,
                result.StatusCode,
                elapsed,
                traceId
            );
            return;
        }

        var reason = result.Reason ?? "rejected";
        rejectionLog.Record(provider, reason);
        DeliveryLogMessages.LogRejected(logger, provider, topic, reason, result.StatusCode, elapsed, traceId);
    }
}

internal static partial class DeliveryLogMessages
{
    [LoggerMessage(
        EventId = 1000,
        Level = LogLevel.Information,
        Message = "Webhook {Provider}/{Topic} event {WebhookEventId} ({EventType}) {Outcome} with {StatusCode} in {ElapsedMs:0.0} ms, trace {TraceId}"
    )]
    public static partial void LogAccepted(
        ILogger logger,
        string provider,
        string? topic,
        string? webhookEventId,
        string? eventType,
        string outcome,
        int statusCode,
        double elapsedMs,
        string traceId
    );

    [LoggerMessage(
        EventId = 1001,
        Level = LogLevel.Debug,
        Message = "Webhook {Provider}/{Topic} rejected: {Reason} with {StatusCode} in {ElapsedMs:0.0} ms, trace {TraceId}"
    )]
    public static partial void LogRejected(
        ILogger logger,
        string provider,
        string? topic,
        string reason,
        int statusCode,
        double elapsedMs,
        string traceId
    );
}
