namespace RaffsSync.Application.Records;

/// <summary>
/// Stores orders keyed by (source, external id). Concurrent writers of one order are serialized, and an update
/// older than the stored state (by the source's update time) is skipped, so arrival order does not matter.
/// </summary>
public interface IOrderWriter
{
    /// <summary>
    /// Creates the order or applies the update to it, within the transaction open on the scope's database session.
    /// </summary>
    Task<RecordWriteResult> ApplyAsync(OrderUpdate update, DateTimeOffset now, CancellationToken cancellationToken);
}
