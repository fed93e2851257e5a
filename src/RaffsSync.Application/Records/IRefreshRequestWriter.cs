namespace RaffsSync.Application.Records;

/// <summary>
/// Stores refresh requests for records that a notification names by id only. While a request for the same
/// (database, record type, record id) is pending, a new notification updates it instead of adding another.
/// </summary>
public interface IRefreshRequestWriter
{
    /// <summary>
    /// Creates a pending request or folds the notification into the pending one, within the transaction open on
    /// the scope's database session. Returns <see cref="RecordWriteResult.Stale"/> when the pending request
    /// already has a newer notification.
    /// </summary>
    Task<RecordWriteResult> RequestAsync(
        RefreshRequestUpdate update,
        DateTimeOffset now,
        CancellationToken cancellationToken
    );
}
