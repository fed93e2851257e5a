namespace RaffsSync.Application.Records;

/// <summary>
/// Stores inventory levels keyed by (database, item, warehouse). Concurrent writers of one level are serialized,
/// and a quantity older than the stored one (by the source's time) is skipped.
/// </summary>
public interface IInventoryLevelWriter
{
    /// <summary>
    /// Creates the level or applies the update to it, within the transaction open on the scope's database session.
    /// </summary>
    Task<RecordWriteResult> ApplyAsync(
        InventoryLevelUpdate update,
        DateTimeOffset now,
        CancellationToken cancellationToken
    );
}
