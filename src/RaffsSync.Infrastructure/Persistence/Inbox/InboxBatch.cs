using Npgsql;
using RaffsSync.Application.Inbox;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Infrastructure.Persistence.Inbox;

/// <summary>
/// Writes the deliveries of one batch and splits the outcomes back per delivery.
/// </summary>
internal static class InboxBatch
{
    /// <summary>
    /// Inserts every delivery's rows with one statement and returns each delivery's outcomes, in order.
    /// </summary>
    /// <remarks>
    /// Two deliveries in one batch may carry the same (provider, event id). Only its first row goes into the
    /// statement, so at most one of them is inserted. Every later row with that key is a duplicate when its body
    /// hash equals the stored one (the first row's, when the first row was inserted) and a payload mismatch
    /// otherwise.
    /// </remarks>
    public static async Task<InboxInsertOutcome[][]> WriteAsync(
        NpgsqlDataSource dataSource,
        IReadOnlyList<PendingWrite> batch,
        CancellationToken cancellationToken
    )
    {
        var distinctRows = new List<InboxEvent>();
        var rowIndexByKey = new Dictionary<(string Provider, string EventId), int>();
        var rowIndexes = new int[batch.Count][];
        for (var delivery = 0; delivery < batch.Count; delivery++)
        {
            var events = batch[delivery].Events;
            rowIndexes[delivery] = new int[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                var key = (events[i].Provider, events[i].EventId);
                if (!rowIndexByKey.TryGetValue(key, out var rowIndex))
                {
                    rowIndex = distinctRows.Count;
                    rowIndexByKey.Add(key, rowIndex);
                    distinctRows.Add(events[i]);
                }

                rowIndexes[delivery][i] = rowIndex;
            }
        }

        // Rows go in (provider, event id) order, as in the one-statement-per-delivery writer. Two batches with the
        // same keys in different orders would otherwise each wait for a key the other has inserted, and PostgreSQL
        // would abort one of them as a deadlock.
        var insertOrder = Enumerable
            .Range(0, distinctRows.Count)
            .OrderBy(index => distinctRows[index].Provider, StringComparer.Ordinal)
            .ThenBy(index => distinctRows[index].EventId, StringComparer.Ordinal)
            .ToArray();
        var orderedRows = insertOrder.Select(index => distinctRows[index]).ToList();

        BatchInsertResult ordered;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            ordered = await PostgresBatchInsert.InsertAsync(connection, orderedRows, cancellationToken);
        }

        var result = new BatchInsertResult(new bool[distinctRows.Count], new byte[]?[distinctRows.Count]);
        for (var position = 0; position < insertOrder.Length; position++)
        {
            result.Inserted[insertOrder[position]] = ordered.Inserted[position];
            result.StoredHashes[insertOrder[position]] = ordered.StoredHashes[position];
        }

        var outcomes = new InboxInsertOutcome[batch.Count][];
        for (var delivery = 0; delivery < batch.Count; delivery++)
        {
            var events = batch[delivery].Events;
            outcomes[delivery] = new InboxInsertOutcome[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                var rowIndex = rowIndexes[delivery][i];
                var written = distinctRows[rowIndex];
                var inserted = result.Inserted[rowIndex];
                if (ReferenceEquals(written, events[i]) && inserted)
                {
                    outcomes[delivery][i] = InboxInsertOutcome.Inserted;
                    continue;
                }

                var storedHash = inserted ? written.BodySha256 : result.StoredHashes[rowIndex];
                outcomes[delivery][i] = CompareBody(events[i], storedHash);
            }
        }

        return outcomes;
    }

    /// <summary>
    /// Classifies a row that was not inserted: a duplicate when its body hash equals the stored one, otherwise a
    /// payload mismatch. A missing stored row also counts as a mismatch, as in <see cref="InboxOutcomes"/>.
    /// </summary>
    private static InboxInsertOutcome CompareBody(InboxEvent row, byte[]? storedHash) =>
        storedHash is not null && storedHash.AsSpan().SequenceEqual(row.BodySha256)
            ? InboxInsertOutcome.Duplicate
            : InboxInsertOutcome.PayloadMismatch;
}
