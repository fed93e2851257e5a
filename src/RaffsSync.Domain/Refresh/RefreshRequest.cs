namespace RaffsSync.Domain.Refresh;

/// <summary>
/// A request to fetch one record from an Accurate database, made from a notification that carries ids only.
/// While a request is pending, later notifications for the same record update it instead of adding another.
/// </summary>
public sealed class RefreshRequest
{
    public Guid Id { get; set; }

    /// <summary>The Accurate database (tenant) id.</summary>
    public long DatabaseId { get; set; }

    /// <summary>The notification type, which names the kind of record, such as <c>SALES_INVOICE</c>.</summary>
    public required string RecordType { get; set; }

    public long RecordId { get; set; }

    /// <summary>The record's number as the source sent it, such as <c>SI.2026.12.00001</c>.</summary>
    public string? RecordNumber { get; set; }

    /// <summary>The source's action of the newest notification, such as <c>WRITE</c> or <c>DELETE</c>.</summary>
    public string? Action { get; set; }

    public RefreshRequestStatus Status { get; set; }

    /// <summary>The source's time of the newest notification folded into this request.</summary>
    public DateTimeOffset RequestedAt { get; set; }

    public required string FirstEventId { get; set; }

    public required string LastEventId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
