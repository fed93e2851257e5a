using Microsoft.EntityFrameworkCore;
using RaffsSync.Application.Processing;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Infrastructure.Persistence.Processing;

/// <summary>
/// The inbox as workers see it, on the scope's DbContext. While an event is processing, its
/// <c>next_attempt_at</c> equals its lease end, so one index on (status, next_attempt_at) finds both due events
/// and abandoned claims.
/// </summary>
internal sealed class InboxStore(RaffsSyncDbContext context) : IInboxStore
{
    /// <summary>
    /// PostgreSQL claim: SKIP LOCKED lets concurrent workers in any number of instances take disjoint rows
    /// without waiting for each other. Parameters: {0} lease end, {1} now, {2} batch size.
    /// </summary>
    private const string PostgresClaimSql = $$"""
        UPDATE inbox_events AS claimed
        SET status = '{{InboxEventStatusNames.Processing}}', attempts = claimed.attempts + 1,
            locked_until = {0}, next_attempt_at = {0}
        FROM (
            SELECT id FROM inbox_events
            WHERE status IN ('{{InboxEventStatusNames.Pending}}', '{{InboxEventStatusNames.Processing}}')
              AND next_attempt_at <= {1}
            ORDER BY next_attempt_at
            LIMIT {2}
            FOR UPDATE SKIP LOCKED
        ) AS due
        WHERE claimed.id = due.id
        RETURNING claimed.*
        """;

    /// <summary>
    /// SQLite claim: the database has one writer at a time, so the statement needs no row locks. Times are Unix
    /// microseconds. Parameters as in <see cref="PostgresClaimSql"/>.
    /// </summary>
    private const string SqliteClaimSql = $$"""
        UPDATE inbox_events
        SET status = '{{InboxEventStatusNames.Processing}}', attempts = attempts + 1,
            locked_until = {0}, next_attempt_at = {0}
        WHERE id IN (
            SELECT id FROM inbox_events
            WHERE status IN ('{{InboxEventStatusNames.Pending}}', '{{InboxEventStatusNames.Processing}}')
              AND next_attempt_at <= {1}
            ORDER BY next_attempt_at
            LIMIT {2}
        )
        RETURNING *
        """;

    public async Task<IReadOnlyList<InboxEvent>> ClaimDueAsync(
        int batchSize,
        DateTimeOffset now,
        DateTimeOffset leaseExpiresAt,
        CancellationToken cancellationToken
    )
    {
        var claim =
            context is PostgresDbContext
                ? context.InboxEvents.FromSqlRaw(PostgresClaimSql, leaseExpiresAt, now, batchSize)
                : context.InboxEvents.FromSqlRaw(
                    SqliteClaimSql,
                    SqliteValues.ToStorage(leaseExpiresAt),
                    SqliteValues.ToStorage(now),
                    batchSize
                );

        var claimed = await claim.AsNoTracking().ToListAsync(cancellationToken);

        // RETURNING gives no order; process in arrival order. Ids are version 7 GUIDs, ordered by time.
        return claimed.OrderBy(inboxEvent => inboxEvent.ReceivedAt).ThenBy(inboxEvent => inboxEvent.Id).ToList();
    }

    public async Task<bool> MarkProcessedAsync(
        InboxEvent inboxEvent,
        InboxEventOutcome outcome,
        DateTimeOffset processedAt,
        CancellationToken cancellationToken
    )
    {
        // A claim already counted the attempt; an event processed inline straight after its insert has not.
        var attempts = inboxEvent.Status == InboxEventStatus.Processing ? inboxEvent.Attempts : inboxEvent.Attempts + 1;
        var outcomeName = outcome.ToName();
        var changed = await AsRead(inboxEvent)
            .ExecuteUpdateAsync(
                setters =>
                    setters
                        .SetProperty(row => row.Status, InboxEventStatus.Processed)
                        .SetProperty(row => row.Attempts, attempts)
                        .SetProperty(row => row.Outcome, outcomeName)
                        .SetProperty(row => row.ProcessedAt, processedAt)
                        .SetProperty(row => row.LockedUntil, (DateTimeOffset?)null)
                        .SetProperty(row => row.NextAttemptAt, (DateTimeOffset?)null),
                cancellationToken
            );
        return changed == 1;
    }

    public async Task<bool> ScheduleRetryAsync(
        InboxEvent claimed,
        string lastError,
        DateTimeOffset nextAttemptAt,
        CancellationToken cancellationToken
    )
    {
        var changed = await AsRead(claimed)
            .ExecuteUpdateAsync(
                setters =>
                    setters
                        .SetProperty(row => row.Status, InboxEventStatus.Pending)
                        .SetProperty(row => row.LastError, lastError)
                        .SetProperty(row => row.NextAttemptAt, nextAttemptAt)
                        .SetProperty(row => row.LockedUntil, (DateTimeOffset?)null),
                cancellationToken
            );
        return changed == 1;
    }

    public async Task<bool> DeadLetterAsync(InboxEvent claimed, string lastError, CancellationToken cancellationToken)
    {
        var changed = await AsRead(claimed)
            .ExecuteUpdateAsync(
                setters =>
                    setters
                        .SetProperty(row => row.Status, InboxEventStatus.DeadLettered)
                        .SetProperty(row => row.LastError, lastError)
                        .SetProperty(row => row.NextAttemptAt, (DateTimeOffset?)null)
                        .SetProperty(row => row.LockedUntil, (DateTimeOffset?)null),
                cancellationToken
            );
        return changed == 1;
    }

    public async Task<bool> ReleaseAsync(InboxEvent claimed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var attempts = claimed.Attempts - 1;
        var changed = await AsRead(claimed)
            .ExecuteUpdateAsync(
                setters =>
                    setters
                        .SetProperty(row => row.Status, InboxEventStatus.Pending)
                        .SetProperty(row => row.Attempts, attempts)
                        .SetProperty(row => row.NextAttemptAt, now)
                        .SetProperty(row => row.LockedUntil, (DateTimeOffset?)null),
                cancellationToken
            );
        return changed == 1;
    }

    public Task<InboxEvent?> FindAsync(string provider, string eventId, CancellationToken cancellationToken) =>
        context
            .InboxEvents.AsNoTracking()
            .FirstOrDefaultAsync(row => row.Provider == provider && row.EventId == eventId, cancellationToken);

    public async Task<bool> ReplayAsync(
        Guid id,
        InboxEventStatus expectedStatus,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var changed = await context
            .InboxEvents.Where(row => row.Id == id && row.Status == expectedStatus)
            .ExecuteUpdateAsync(
                setters =>
                    setters
                        .SetProperty(row => row.Status, InboxEventStatus.Pending)
                        .SetProperty(row => row.Attempts, 0)
                        .SetProperty(row => row.NextAttemptAt, now)
                        .SetProperty(row => row.LockedUntil, (DateTimeOffset?)null)
                        .SetProperty(row => row.ProcessedAt, (DateTimeOffset?)null)
                        .SetProperty(row => row.Outcome, (string?)null),
                cancellationToken
            );
        return changed == 1;
    }

    public Task<long> CountPendingAsync(CancellationToken cancellationToken) =>
        context.InboxEvents.LongCountAsync(row => row.Status == InboxEventStatus.Pending, cancellationToken);

    /// <summary>
    /// Selects the event's row only while it is as the caller read it. The lease end grows with every claim,
    /// because a new claim needs the old lease to have expired, so it distinguishes a current claim from a lost one.
    /// </summary>
    private IQueryable<InboxEvent> AsRead(InboxEvent inboxEvent)
    {
        var id = inboxEvent.Id;
        var status = inboxEvent.Status;
        var attempts = inboxEvent.Attempts;
        var lockedUntil = inboxEvent.LockedUntil;
        return context.InboxEvents.Where(row =>
            row.Id == id && row.Status == status && row.Attempts == attempts && row.LockedUntil == lockedUntil
        );
    }
}
