using System.Data.Common;
using System.Text;

namespace RaffsSync.Infrastructure.Persistence.Inbox;

/// <summary>
/// The inbox insert shared by both databases: multi-row <c>INSERT … ON CONFLICT DO NOTHING RETURNING</c>, which
/// reports the new rows without raising (and logging) a unique-violation error for each duplicate.
/// </summary>
internal static class InboxInsertSql
{
    public const int ColumnsPerRow = 12;

    private const string Columns =
        "id, receipt_id, provider, event_id, event_id_derived, event_type, topic, body, body_sha256, headers, "
        + "received_at, next_attempt_at";

    /// <summary>Builds the statement for <paramref name="rowCount"/> rows with parameters named by <paramref name="parameter"/>.</summary>
    public static string Build(int rowCount, Func<int, string> parameter, string statusLiteral, string headersCast)
    {
        var sql = new StringBuilder(256 + (rowCount * 120));
        sql.Append("INSERT INTO inbox_events (").Append(Columns).Append(", status, attempts) VALUES ");
        for (var row = 0; row < rowCount; row++)
        {
            if (row > 0)
            {
                sql.Append(", ");
            }

            sql.Append('(');
            for (var column = 0; column < ColumnsPerRow; column++)
            {
                sql.Append(parameter((row * ColumnsPerRow) + column));
                if (column == 9)
                {
                    sql.Append(headersCast);
                }

                sql.Append(", ");
            }

            sql.Append(statusLiteral).Append(", 0)");
        }

        sql.Append(" ON CONFLICT (provider, event_id) DO NOTHING RETURNING event_id");
        return sql.ToString();
    }

    /// <summary>Runs a statement built by <see cref="Build"/> and returns the event ids it inserted.</summary>
    public static async Task<HashSet<string>> ExecuteAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted.Add(reader.GetString(0));
        }

        return inserted;
    }
}
