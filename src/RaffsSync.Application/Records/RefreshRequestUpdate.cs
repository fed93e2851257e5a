using RaffsSync.Domain.Refresh;

namespace RaffsSync.Application.Records;

/// <summary>A notification that one record changed in the source, named by id.</summary>
public sealed class RefreshRequestUpdate
{
    public required long DatabaseId { get; init; }

    /// <summary>The notification type, such as <c>SALES_INVOICE</c>.</summary>
    public required string RecordType { get; init; }

    public required long RecordId { get; init; }

    public string? RecordNumber { get; init; }

    /// <summary>The source's action, such as <c>WRITE</c> or <c>DELETE</c>.</summary>
    public string? Action { get; init; }

    /// <summary>The source's time of the notification.</summary>
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>The inbox event id the notification comes from.</summary>
    public required string EventId { get; init; }

    /// <summary>True when <paramref name="request"/> already has a newer notification; an equal time is not older.</summary>
    public bool IsOlderThan(RefreshRequest request) => RequestedAt < request.RequestedAt;

    /// <summary>Returns a new pending request for this notification.</summary>
    public RefreshRequest ToNewRequest(DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            DatabaseId = DatabaseId,
            RecordType = RecordType,
            RecordId = RecordId,
            RecordNumber = RecordNumber,
            Action = Action,
            Status = RefreshRequestStatus.Pending,
            RequestedAt = RequestedAt,
            FirstEventId = EventId,
            LastEventId = EventId,
            CreatedAt = now,
            UpdatedAt = now,
        };

    /// <summary>Folds this notification into a pending request: its action and time replace the stored ones.</summary>
    public void ApplyTo(RefreshRequest request, DateTimeOffset now)
    {
        request.RecordNumber = RecordNumber ?? request.RecordNumber;
        request.Action = Action ?? request.Action;
        request.RequestedAt = RequestedAt;
        request.LastEventId = EventId;
        request.UpdatedAt = now;
    }
}
