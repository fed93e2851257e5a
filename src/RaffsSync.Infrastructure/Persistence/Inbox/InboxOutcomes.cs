using RaffsSync.Application.Inbox;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Infrastructure.Persistence.Inbox;

internal static class InboxOutcomes
{
    /// <summary>
    /// Classifies each event: inserted when the insert returned its id, otherwise a duplicate or a payload
    /// mismatch by comparing body hashes with the stored row.
    /// </summary>
    public static InboxInsertOutcome[] Classify(
        IReadOnlyList<InboxEvent> events,
        HashSet<string> insertedIds,
        Dictionary<string, byte[]> storedHashes
    )
    {
        var outcomes = new InboxInsertOutcome[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var inboxEvent = events[i];
            if (insertedIds.Contains(inboxEvent.EventId))
            {
                outcomes[i] = InboxInsertOutcome.Inserted;
                continue;
            }

            var sameBody =
                storedHashes.TryGetValue(inboxEvent.EventId, out var stored)
                && stored.AsSpan().SequenceEqual(inboxEvent.BodySha256);
            outcomes[i] = sameBody ? InboxInsertOutcome.Duplicate : InboxInsertOutcome.PayloadMismatch;
        }

        return outcomes;
    }
}
