using Npgsql;
using RaffsSync.Application.Inbox;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Infrastructure.Persistence.Inbox;

/// <summary>
/// Inserts the rows of many deliveries with one autocommitted statement, so they share one round trip and one
/// commit, and classifies every row as inserted, duplicate or payload mismatch.
/// </summary>
/// <remarks>
/// The rows travel as one array per column and <c>unnest</c> turns them back into rows, so the statement text is
/// the same for any batch size and each connection prepares it once. The same statement returns the stored body
/// hash of each conflicting row that its snapshot can see, so a batch of duplicates also costs one round trip.
/// <para>
/// The stored hash comes from a scalar subquery, not a join. PostgreSQL 15 caches a generic plan for a prepared
/// statement, and one made while the table was empty joined by scanning the whole table, which then cost a full
/// scan per batch as the table grew. The subquery probes the unique index even in that plan.
/// </para>
/// </remarks>
internal static class PostgresBatchInsert
{
    private static readonly string InsertSql = $"""
        WITH input AS (
            SELECT * FROM unnest(
                $1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[],
                $8::bytea[], $9::bytea[], $10::text[], $11::timestamptz[], $12::timestamptz[]
            ) WITH ORDINALITY AS row_input(
                id, receipt_id, provider, event_id, event_id_derived, event_type, topic, body, body_sha256,
                headers, received_at, next_attempt_at, ordinal
            )
        ),
        inserted AS (
            INSERT INTO inbox_events (
                id, receipt_id, provider, event_id, event_id_derived, event_type, topic, body, body_sha256,
                headers, received_at, next_attempt_at, status, attempts
            )
            SELECT id, receipt_id, provider, event_id, event_id_derived, event_type, topic, body, body_sha256,
                headers::jsonb, received_at, next_attempt_at, '{InboxEventStatusNames.Pending}', 0
            FROM input
            ORDER BY ordinal
            ON CONFLICT (provider, event_id) DO NOTHING
            RETURNING provider, event_id
        )
        SELECT
            input.ordinal,
            inserted.event_id IS NOT NULL,
            CASE WHEN inserted.event_id IS NULL THEN (
                SELECT stored.body_sha256 FROM inbox_events AS stored
                WHERE stored.provider = input.provider AND stored.event_id = input.event_id
            ) END
        FROM input
        LEFT JOIN inserted ON inserted.provider = input.provider AND inserted.event_id = input.event_id
        """;

    private const string StoredHashesSql = """
        SELECT stored.provider, stored.event_id, stored.body_sha256
        FROM unnest($1::text[], $2::text[]) AS wanted(provider, event_id)
        JOIN inbox_events AS stored ON stored.provider = wanted.provider AND stored.event_id = wanted.event_id
        """;

    /// <summary>
    /// Inserts the rows in the given order; their (provider, event id) pairs must be distinct. Returns for each row whether it was
    /// inserted and, when it was not, the body hash stored under its key (null only if that row is gone).
    /// </summary>
    public static async Task<BatchInsertResult> InsertAsync(
        NpgsqlConnection connection,
        IReadOnlyList<InboxEvent> rows,
        CancellationToken cancellationToken
    )
    {
        var inserted = new bool[rows.Count];
        var storedHashes = new byte[]?[rows.Count];

        await using (var command = CreateInsertCommand(connection, rows))
        {
            await command.PrepareAsync(cancellationToken);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var index = (int)reader.GetInt64(0) - 1;
                inserted[index] = reader.GetBoolean(1);
                storedHashes[index] = reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2);
            }
        }

        // The statement's snapshot cannot see a conflicting row that a concurrent delivery committed after the
        // snapshot was taken. A second statement, with a newer snapshot, reads the hashes of those rows.
        var unseen = Enumerable.Range(0, rows.Count).Where(i => !inserted[i] && storedHashes[i] is null).ToList();
        // NOTE: the insert has committed by now, so if this read fails, the batch's requests get 500 for rows that
        // are stored, and their retries get 409. The one-statement-per-delivery writer has the same window.
        if (unseen.Count > 0)
        {
            await ReadStoredHashesAsync(connection, rows, unseen, storedHashes, cancellationToken);
        }

        return new BatchInsertResult(inserted, storedHashes);
    }

    private static NpgsqlCommand CreateInsertCommand(NpgsqlConnection connection, IReadOnlyList<InboxEvent> rows)
    {
        var count = rows.Count;
        var ids = new Guid[count];
        var receiptIds = new Guid[count];
        var providers = new string[count];
        var eventIds = new string[count];
        var derived = new bool[count];
        var eventTypes = new string[count];
        var topics = new string?[count];
        var bodies = new byte[count][];
        var bodyHashes = new byte[count][];
        var headers = new string[count];
        var receivedAt = new DateTimeOffset[count];
        var nextAttemptAt = new DateTimeOffset[count];

        for (var i = 0; i < count; i++)
        {
            var row = rows[i];
            ids[i] = row.Id;
            receiptIds[i] = row.ReceiptId;
            providers[i] = row.Provider;
            eventIds[i] = row.EventId;
            derived[i] = row.EventIdDerived;
            eventTypes[i] = row.EventType;
            topics[i] = row.Topic;
            bodies[i] = row.Body;
            bodyHashes[i] = row.BodySha256;
            headers[i] = row.Headers;
            receivedAt[i] = row.ReceivedAt;
            nextAttemptAt[i] = row.NextAttemptAt ?? row.ReceivedAt;
        }

        var command = new NpgsqlCommand(InsertSql, connection);
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = receiptIds });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = providers });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = eventIds });
        parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = derived });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = eventTypes });
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = topics });
        parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = bodies });
        parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = bodyHashes });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = headers });
        parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = receivedAt });
        parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = nextAttemptAt });
        return command;
    }

    private static async Task ReadStoredHashesAsync(
        NpgsqlConnection connection,
        IReadOnlyList<InboxEvent> rows,
        List<int> unseen,
        byte[]?[] storedHashes,
        CancellationToken cancellationToken
    )
    {
        var indexByKey = new Dictionary<(string Provider, string EventId), int>(unseen.Count);
        foreach (var index in unseen)
        {
            indexByKey[(rows[index].Provider, rows[index].EventId)] = index;
        }

        await using var command = new NpgsqlCommand(StoredHashesSql, connection);
        command.Parameters.Add(
            new NpgsqlParameter<string[]> { TypedValue = [.. unseen.Select(i => rows[i].Provider)] }
        );
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. unseen.Select(i => rows[i].EventId)] });

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (indexByKey.TryGetValue((reader.GetString(0), reader.GetString(1)), out var index))
            {
                storedHashes[index] = reader.GetFieldValue<byte[]>(2);
            }
        }
    }
}

/// <summary>Per row of a batch insert: whether it was inserted, and otherwise the stored body hash.</summary>
internal readonly record struct BatchInsertResult(bool[] Inserted, byte[]?[] StoredHashes);
