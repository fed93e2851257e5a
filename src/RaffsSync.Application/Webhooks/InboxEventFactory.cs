using System.Security.Cryptography;
using RaffsSync.Application.Inbox;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Webhooks;

/// <summary>
/// Builds the inbox rows of a validated delivery: one per distinct event id, all sharing one receipt id.
/// </summary>
internal static class InboxEventFactory
{
    public static IReadOnlyList<InboxEvent> Create(ReceiveWebhookCommand message)
    {
        var receiptId = Guid.CreateVersion7(message.ReceivedAt);
        var headers = StoredHeaders.ToJson(message.Headers, message.Provider);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<InboxEvent>(message.Events.Count);

        foreach (var webhookEvent in message.Events)
        {
            // A batch that repeats an id keeps its first copy, as a redelivery would.
            if (!seen.Add(webhookEvent.EventId))
            {
                continue;
            }

            rows.Add(
                new InboxEvent
                {
                    Id = Guid.CreateVersion7(message.ReceivedAt),
                    ReceiptId = receiptId,
                    Provider = message.Provider.Code,
                    EventId = webhookEvent.EventId,
                    EventIdDerived = webhookEvent.EventIdDerived,
                    EventType = webhookEvent.EventType,
                    Topic = message.Topic,
                    Body = webhookEvent.Body.ToArray(),
                    BodySha256 = SHA256.HashData(webhookEvent.Body.Span),
                    Headers = headers,
                    ReceivedAt = message.ReceivedAt,
                    Status = InboxEventStatus.Pending,
                    Attempts = 0,
                    NextAttemptAt = message.ReceivedAt,
                }
            );
        }

        return rows;
    }
}
