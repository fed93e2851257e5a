using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Processing;

/// <summary>
/// The inbox as workers see it: claims of due events and the status changes that end them. A claim is a lease:
/// every status change checks that the event still has the status, attempts and lease time the caller read,
/// so a worker whose lease expired and was taken over changes nothing.
/// </summary>
/// <remarks>A scoped service: it shares the scope's database session and, when one is open, its transaction.</remarks>
public interface IInboxStore
{
    /// <summary>
    /// Claims up to <paramref name="batchSize"/> events that are pending and due, or processing with an expired
    /// lease, oldest due first. Each claimed event gets status processing, one more attempt, and a lease until
    /// <paramref name="leaseExpiresAt"/>. The claim commits before this returns.
    /// </summary>
    Task<IReadOnlyList<InboxEvent>> ClaimDueAsync(
        int batchSize,
        DateTimeOffset now,
        DateTimeOffset leaseExpiresAt,
        CancellationToken cancellationToken
    );

    /// <summary>
    /// Marks an event processed with its outcome. An event still pending, as in inline processing, counts one
    /// attempt. Returns false, changing nothing, when the event no longer is as read.
    /// </summary>
    Task<bool> MarkProcessedAsync(
        InboxEvent inboxEvent,
        InboxEventOutcome outcome,
        DateTimeOffset processedAt,
        CancellationToken cancellationToken
    );

    /// <summary>Puts a claimed event back to pending until <paramref name="nextAttemptAt"/>, with the error.</summary>
    Task<bool> ScheduleRetryAsync(
        InboxEvent claimed,
        string lastError,
        DateTimeOffset nextAttemptAt,
        CancellationToken cancellationToken
    );

    /// <summary>Marks a claimed event dead-lettered with the error; only a replay brings it back.</summary>
    Task<bool> DeadLetterAsync(InboxEvent claimed, string lastError, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a claimed event back without counting the attempt, due at <paramref name="now"/>: for a worker that
    /// stops before it finishes.
    /// </summary>
    Task<bool> ReleaseAsync(InboxEvent claimed, DateTimeOffset now, CancellationToken cancellationToken);

    Task<InboxEvent?> FindAsync(string provider, string eventId, CancellationToken cancellationToken);

    /// <summary>
    /// Puts a processed or dead-lettered event back to pending with no attempts, due at <paramref name="now"/>.
    /// The last error stays for reference. Returns false when the event no longer has
    /// <paramref name="expectedStatus"/>.
    /// </summary>
    Task<bool> ReplayAsync(
        Guid id,
        InboxEventStatus expectedStatus,
        DateTimeOffset now,
        CancellationToken cancellationToken
    );

    /// <summary>Counts pending events, due or waiting for a retry.</summary>
    Task<long> CountPendingAsync(CancellationToken cancellationToken);
}
