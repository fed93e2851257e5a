using Microsoft.EntityFrameworkCore;

namespace RaffsSync.Infrastructure.Persistence.Records;

/// <summary>
/// Serializes the writers of one record across transactions and gateway instances, so two events for the same
/// order never both insert it or both read the old state. On PostgreSQL this is a transaction-level advisory lock
/// on a 64-bit hash of the key, released at commit or rollback. A hash collision only makes two records wait for
/// each other. SQLite needs no lock, because its write transactions run one at a time.
/// </summary>
internal static class RecordLocks
{
    public static async Task AcquireAsync(RaffsSyncDbContext context, string key, CancellationToken cancellationToken)
    {
        if (context.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException(
                "Record writers need an open transaction, so that the record lock lasts until the commit."
            );
        }

        if (context is PostgresDbContext)
        {
            // hashtextextended exists from PostgreSQL 11 on.
            await context.Database.ExecuteSqlAsync(
                $"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))",
                cancellationToken
            );
        }
    }
}
