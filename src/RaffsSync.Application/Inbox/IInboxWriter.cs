using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Inbox;

/// <summary>
/// The one way accepted events enter the inbox: an insert that skips existing (provider, event id) pairs,
/// enforced by the database's unique index so that concurrent identical deliveries store one row.
/// </summary>
public interface IInboxWriter
{
    /// <summary>
    /// Inserts the events of one delivery atomically: either every new event is committed or none is and the
    /// call throws. Returns one outcome per event, in order.
    /// </summary>
    ValueTask<IReadOnlyList<InboxInsertOutcome>> InsertAsync(
        IReadOnlyList<InboxEvent> events,
        CancellationToken cancellationToken
    );
}

public enum InboxInsertOutcome
{
    Inserted,

    /// <summary>The (provider, event id) existed with the same body hash.</summary>
    Duplicate,

    /// <summary>The (provider, event id) existed with a different body hash; the stored body is unchanged.</summary>
    PayloadMismatch,
}
