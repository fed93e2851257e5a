namespace RaffsSync.Application.Webhooks;

/// <summary>
/// The outcome of a delivery, as the endpoint turns it into a response. Expected failures (401, 403, 400, 409)
/// are results rather than exceptions, because retry storms make them common.
/// </summary>
public sealed class WebhookResult
{
    private WebhookResult(int statusCode, string outcome)
    {
        StatusCode = statusCode;
        Outcome = outcome;
    }

    public int StatusCode { get; }

    /// <summary><c>queued</c>, <c>processed</c>, <c>duplicate</c> or <c>rejected</c>.</summary>
    public string Outcome { get; }

    /// <summary>Stable reason code of a rejection or duplicate, such as <c>signature_invalid</c>.</summary>
    public string? Reason { get; private init; }

    /// <summary>A fixed explanation for the sender; never contains payload, header values or secrets.</summary>
    public string? Detail { get; private init; }

    public string? EventId { get; private init; }

    public string? EventType { get; private init; }

    public Guid? ReceiptId { get; private init; }

    public int EventCount { get; private init; }

    public IReadOnlyList<FieldError> Errors { get; private init; } = [];

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public static WebhookResult Queued(Guid receiptId, string eventId, string eventType, int eventCount) =>
        new(202, "queued")
        {
            ReceiptId = receiptId,
            EventId = eventId,
            EventType = eventType,
            EventCount = eventCount,
        };

    public static WebhookResult Processed(Guid receiptId, string eventId, string eventType, int eventCount) =>
        new(200, "processed")
        {
            ReceiptId = receiptId,
            EventId = eventId,
            EventType = eventType,
            EventCount = eventCount,
        };

    public static WebhookResult Duplicate(int statusCode, string reason, string eventId, string eventType) =>
        new(statusCode, "duplicate")
        {
            Reason = reason,
            EventId = eventId,
            EventType = eventType,
            Detail =
                reason == DuplicateReasons.PayloadMismatch
                    ? "This event id was already accepted with a different body."
                    : "This event was already accepted.",
        };

    public static WebhookResult Rejected(int statusCode, string reason, string detail) =>
        new(statusCode, "rejected") { Reason = reason, Detail = detail };

    public static WebhookResult Invalid(IReadOnlyList<FieldError> errors) =>
        new(400, "rejected")
        {
            Reason = "invalid_payload",
            Detail = "The payload is invalid; see errors.",
            Errors = errors,
        };
}

/// <summary>
/// A validation failure: the JSON path of the field and what is wrong, never the value.
/// </summary>
public sealed record FieldError(string Field, string Message);

public static class DuplicateReasons
{
    public const string Duplicate = "duplicate";
    public const string PayloadMismatch = "payload_mismatch";
}
