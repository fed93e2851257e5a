using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RaffsSync.Application.Inbox;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Infrastructure.Persistence.Inbox;

/// <summary>
/// Inserts inbox events inside the transaction open on the scope's DbContext, with the statement of
/// <see cref="InboxInsertSql"/>, so that inline processing commits the rows together with the handler's records.
/// </summary>
internal sealed class TransactionalInboxWriter(RaffsSyncDbContext context) : ITransactionalInboxWriter
{
    public async Task<IReadOnlyList<InboxInsertOutcome>> InsertAsync(
        IReadOnlyList<InboxEvent> events,
        CancellationToken cancellationToken
    )
    {
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException(
                "The transactional inbox writer needs an open transaction; begin one with IDatabaseTransactions."
            );

        var inserted = await InsertRowsAsync(transaction, events, cancellationToken);
        if (inserted.Count == events.Count)
        {
            return Enumerable.Repeat(InboxInsertOutcome.Inserted, events.Count).ToArray();
        }

        var provider = events[0].Provider;
        var missing = events.Select(row => row.EventId).Where(id => !inserted.Contains(id)).ToList();
        var stored = await context
            .InboxEvents.AsNoTracking()
            .Where(row => row.Provider == provider && missing.Contains(row.EventId))
            .Select(row => new { row.EventId, row.BodySha256 })
            .ToDictionaryAsync(row => row.EventId, row => row.BodySha256, StringComparer.Ordinal, cancellationToken);
        return InboxOutcomes.Classify(events, inserted, stored);
    }

    private async Task<HashSet<string>> InsertRowsAsync(
        DbTransaction transaction,
        IReadOnlyList<InboxEvent> events,
        CancellationToken cancellationToken
    )
    {
        var isPostgres = context is PostgresDbContext;
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = isPostgres
            ? InboxInsertSql.Build(events.Count, index => "$" + (index + 1), Pending, "::jsonb")
            : InboxInsertSql.Build(events.Count, SqliteParameterName, Pending, headersCast: string.Empty);

        var index = 0;
        foreach (var inboxEvent in events)
        {
            object?[] values =
            [
                Id(inboxEvent.Id, isPostgres),
                Id(inboxEvent.ReceiptId, isPostgres),
                inboxEvent.Provider,
                inboxEvent.EventId,
                inboxEvent.EventIdDerived,
                inboxEvent.EventType,
                inboxEvent.Topic,
                inboxEvent.Body,
                inboxEvent.BodySha256,
                inboxEvent.Headers,
                Time(inboxEvent.ReceivedAt, isPostgres),
                Time(inboxEvent.NextAttemptAt ?? inboxEvent.ReceivedAt, isPostgres),
            ];
            foreach (var value in values)
            {
                var parameter = command.CreateParameter();

                // PostgreSQL takes the parameters by position ($1, $2, …), so they stay unnamed there.
                parameter.ParameterName = isPostgres ? string.Empty : SqliteParameterName(index);
                parameter.Value = value ?? DBNull.Value;
                if (value is null)
                {
                    parameter.DbType = DbType.String;
                }

                command.Parameters.Add(parameter);
                index++;
            }
        }

        return await InboxInsertSql.ExecuteAsync(command, cancellationToken);
    }

    private const string Pending = $"'{InboxEventStatusNames.Pending}'";

    private static string SqliteParameterName(int index) => "@p" + index.ToString(CultureInfo.InvariantCulture);

    private static object Id(Guid value, bool isPostgres) => isPostgres ? value : SqliteValues.ToStorage(value);

    private static object Time(DateTimeOffset value, bool isPostgres) =>
        isPostgres ? value : SqliteValues.ToStorage(value);
}
