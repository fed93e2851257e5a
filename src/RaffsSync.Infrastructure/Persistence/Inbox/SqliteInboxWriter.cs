using System.Globalization;
using Microsoft.Data.Sqlite;
using RaffsSync.Application.Inbox;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Infrastructure.Persistence.Inbox;

/// <summary>
/// Writes the inbox on SQLite. SQLite has one writer at a time, so writes queue on a semaphore here rather than
/// spin on SQLITE_BUSY; each delivery commits in its own transaction before the 2xx.
/// </summary>
internal sealed class SqliteInboxWriter(string connectionString) : IInboxWriter, IDisposable
{
    private readonly SemaphoreSlim writeLock = new(1, 1);

    public async ValueTask<IReadOnlyList<InboxInsertOutcome>> InsertAsync(
        IReadOnlyList<InboxEvent> events,
        CancellationToken cancellationToken
    )
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

            var inserted = await InsertRowsAsync(connection, transaction, events, cancellationToken);
            var stored =
                inserted.Count == events.Count
                    ? []
                    : await ReadStoredHashesAsync(connection, transaction, events, cancellationToken);

            await transaction.CommitAsync(cancellationToken);
            return InboxOutcomes.Classify(events, inserted, stored);
        }
        finally
        {
            writeLock.Release();
        }
    }

    public void Dispose() => writeLock.Dispose();

    private static async Task<HashSet<string>> InsertRowsAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<InboxEvent> events,
        CancellationToken cancellationToken
    )
    {
        var sql = InboxInsertSql.Build(
            events.Count,
            index => "@p" + index.ToString(CultureInfo.InvariantCulture),
            $"'{InboxEventStatusNames.Pending}'",
            headersCast: string.Empty
        );
        await using var command = new SqliteCommand(sql, connection, transaction);
        var index = 0;
        foreach (var inboxEvent in events)
        {
            object?[] values =
            [
                SqliteValues.ToStorage(inboxEvent.Id),
                SqliteValues.ToStorage(inboxEvent.ReceiptId),
                inboxEvent.Provider,
                inboxEvent.EventId,
                inboxEvent.EventIdDerived,
                inboxEvent.EventType,
                inboxEvent.Topic,
                inboxEvent.Body,
                inboxEvent.BodySha256,
                inboxEvent.Headers,
                SqliteValues.ToStorage(inboxEvent.ReceivedAt),
                SqliteValues.ToStorage(inboxEvent.NextAttemptAt ?? inboxEvent.ReceivedAt),
            ];
            foreach (var value in values)
            {
                command.Parameters.AddWithValue(
                    "@p" + index.ToString(CultureInfo.InvariantCulture),
                    value ?? DBNull.Value
                );
                index++;
            }
        }

        return await InboxInsertSql.ExecuteAsync(command, cancellationToken);
    }

    private static async Task<Dictionary<string, byte[]>> ReadStoredHashesAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<InboxEvent> events,
        CancellationToken cancellationToken
    )
    {
        await using var command = new SqliteCommand(
            "SELECT event_id, body_sha256 FROM inbox_events WHERE provider = @provider AND event_id = @eventId",
            connection,
            transaction
        );
        command.Parameters.AddWithValue("@provider", events[0].Provider);
        var eventId = command.Parameters.Add("@eventId", SqliteType.Text);

        var stored = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var inboxEvent in events)
        {
            eventId.Value = inboxEvent.EventId;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                stored[inboxEvent.EventId] = (byte[])reader.GetValue(1);
            }
        }

        return stored;
    }
}
