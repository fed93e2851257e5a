using Npgsql;
using NpgsqlTypes;
using RaffsSync.Application.Inbox;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Infrastructure.Persistence.Inbox;

/// <summary>
/// Writes the inbox on PostgreSQL with one autocommitted statement per delivery, so the 2xx follows a commit.
/// </summary>
internal sealed class PostgresInboxWriter(NpgsqlDataSource dataSource) : IInboxWriter
{
    private static readonly string SingleRowSql = BuildSql(1);

    public async ValueTask<IReadOnlyList<InboxInsertOutcome>> InsertAsync(
        IReadOnlyList<InboxEvent> events,
        CancellationToken cancellationToken
    )
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        var inserted = await InsertRowsAsync(connection, events, cancellationToken);
        if (inserted.Count == events.Count)
        {
            return Enumerable.Repeat(InboxInsertOutcome.Inserted, events.Count).ToArray();
        }

        var stored = await ReadStoredHashesAsync(connection, events, inserted, cancellationToken);
        return InboxOutcomes.Classify(events, inserted, stored);
    }

    private static string BuildSql(int rowCount) =>
        InboxInsertSql.Build(rowCount, index => "$" + (index + 1), $"'{InboxEventStatusNames.Pending}'", "::jsonb");

    private static async Task<HashSet<string>> InsertRowsAsync(
        NpgsqlConnection connection,
        IReadOnlyList<InboxEvent> events,
        CancellationToken cancellationToken
    )
    {
        var sql = events.Count == 1 ? SingleRowSql : BuildSql(events.Count);
        await using var command = new NpgsqlCommand(sql, connection);

        // Rows go in id order: two deliveries holding the same events in different orders would otherwise each
        // wait for a key the other has inserted, and PostgreSQL would abort one of them as a deadlock.
        foreach (var inboxEvent in events.OrderBy(inboxEvent => inboxEvent.EventId, StringComparer.Ordinal))
        {
            var parameters = command.Parameters;
            parameters.Add(new NpgsqlParameter<Guid> { TypedValue = inboxEvent.Id });
            parameters.Add(new NpgsqlParameter<Guid> { TypedValue = inboxEvent.ReceiptId });
            parameters.Add(new NpgsqlParameter<string> { TypedValue = inboxEvent.Provider });
            parameters.Add(new NpgsqlParameter<string> { TypedValue = inboxEvent.EventId });
            parameters.Add(new NpgsqlParameter<bool> { TypedValue = inboxEvent.EventIdDerived });
            parameters.Add(new NpgsqlParameter<string> { TypedValue = inboxEvent.EventType });
            parameters.Add(
                new NpgsqlParameter
                {
                    Value = (object?)inboxEvent.Topic ?? DBNull.Value,
                    NpgsqlDbType = NpgsqlDbType.Varchar,
                }
            );
            parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = inboxEvent.Body });
            parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = inboxEvent.BodySha256 });
            parameters.Add(new NpgsqlParameter<string> { TypedValue = inboxEvent.Headers });
            parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = inboxEvent.ReceivedAt });
            parameters.Add(
                new NpgsqlParameter<DateTimeOffset> { TypedValue = inboxEvent.NextAttemptAt ?? inboxEvent.ReceivedAt }
            );
        }

        return await InboxInsertSql.ExecuteAsync(command, cancellationToken);
    }

    private static async Task<Dictionary<string, byte[]>> ReadStoredHashesAsync(
        NpgsqlConnection connection,
        IReadOnlyList<InboxEvent> events,
        HashSet<string> inserted,
        CancellationToken cancellationToken
    )
    {
        var missing = events.Select(inboxEvent => inboxEvent.EventId).Where(id => !inserted.Contains(id)).ToArray();
        await using var command = new NpgsqlCommand(
            "SELECT event_id, body_sha256 FROM inbox_events WHERE provider = $1 AND event_id = ANY($2)",
            connection
        );
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = events[0].Provider });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = missing });

        var stored = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored[reader.GetString(0)] = (byte[])reader.GetValue(1);
        }

        return stored;
    }
}
