using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Inbox;

/// <summary>
/// Inserts the events of one delivery inside the transaction open on the scope's database session, with the same
/// statement and outcomes as <see cref="IInboxWriter"/>. Inline processing uses it so that the insert commits or
/// rolls back together with the records the handler writes.
/// </summary>
public interface ITransactionalInboxWriter
{
    /// <summary>Returns one outcome per event, in order. Throws when no transaction is open.</summary>
    Task<IReadOnlyList<InboxInsertOutcome>> InsertAsync(
        IReadOnlyList<InboxEvent> events,
        CancellationToken cancellationToken
    );
}
