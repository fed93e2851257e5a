namespace RaffsSync.Domain.Inbox;

/// <summary>
/// An accepted webhook event as stored in the inbox, the source of truth for processing.
/// </summary>
public sealed class InboxEvent
{
    public Guid Id { get; set; }

    /// <summary>Receipt shared by every event of one delivery (an Accurate delivery carries several).</summary>
    public Guid ReceiptId { get; set; }

    public required string Provider { get; set; }

    public required string EventId { get; set; }

    /// <summary>True when the sender named no id and the id is the SHA-256 of the body.</summary>
    public bool EventIdDerived { get; set; }

    public required string EventType { get; set; }

    public string? Topic { get; set; }

    /// <summary>The event's bytes exactly as received (for Accurate, the bytes of its envelope).</summary>
    public required byte[] Body { get; set; }

    public required byte[] BodySha256 { get; set; }

    /// <summary>Selected request headers as a JSON object, with credentials replaced by a marker.</summary>
    public required string Headers { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public InboxEventStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public string? Outcome { get; set; }
}
