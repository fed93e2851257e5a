using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RaffsSync.Application.Inbox;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Tests.Support;

/// <summary>Stores events straight through the inbox writer, as accepted deliveries would be stored.</summary>
public static class InboxSeed
{
    /// <summary>A value in every seeded body and nowhere else, so a test can look for the payload in logs.</summary>
    public const string PayloadMarker = "payload-marker-5b1d";

    public static InboxEvent Event(string provider, string eventId, string eventType, DateTimeOffset receivedAt)
    {
        var json = $"{{\"id\":\"{eventId}\",\"type\":\"{eventType}\",\"note\":\"{PayloadMarker}\"}}";
        var body = Encoding.UTF8.GetBytes(json);
        return new InboxEvent
        {
            Id = Guid.CreateVersion7(receivedAt),
            ReceiptId = Guid.CreateVersion7(receivedAt),
            Provider = provider,
            EventId = eventId,
            EventType = eventType,
            Body = body,
            BodySha256 = SHA256.HashData(body),
            Headers = "{}",
            ReceivedAt = receivedAt,
            Status = InboxEventStatus.Pending,
            NextAttemptAt = receivedAt,
        };
    }

    /// <summary>Stores the events in batches of at most 500 and checks that every one was new.</summary>
    public static async Task InsertAsync(GatewayFactory factory, IReadOnlyList<InboxEvent> events)
    {
        var writer = factory.Services.GetRequiredService<IInboxWriter>();
        foreach (var batch in events.Chunk(500))
        {
            var outcomes = await writer.InsertAsync(batch, CancellationToken.None);
            Assert.That(outcomes, Is.All.EqualTo(InboxInsertOutcome.Inserted));
        }
    }
}
