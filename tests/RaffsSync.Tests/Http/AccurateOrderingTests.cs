using System.Globalization;
using System.Net;
using System.Text;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Http;

/// <summary>
/// Concurrent Accurate deliveries holding the same envelopes in different orders on PostgreSQL: every response is
/// a 2xx or 409, never a deadlock's 500, and each envelope is stored once.
/// </summary>
public sealed class AccurateOrderingTests
{
    private const int Deliveries = 40;
    private const int Envelopes = 6;
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task SameEnvelopesInShuffledOrder_NeverDeadlock()
    {
        using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var gateway = new GatewayFactory(database, Now);
        using var client = gateway.CreateClient();
        var envelopes = Enumerable
            .Range(0, Envelopes)
            .Select(i =>
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{{\"databaseId\":101,\"type\":\"ITEM\",\"timestamp\":\"04/12/2026 19:00:00\",\"uuid\":\"u-{i}\",\"data\":[{{\"itemId\":{i}}}]}}"
                )
            )
            .ToArray();
        var random = new Random(7);
        var bodies = Enumerable
            .Range(0, Deliveries)
            .Select(_ => "[" + string.Join(',', envelopes.OrderBy(_ => random.Next())) + "]")
            .ToList();

        var statuses = await Task.WhenAll(
            bodies.Select(async body =>
            {
                using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                using var response = await client.PostAsync(
                    $"/webhooks/v1/accurate?token={Signer.AccurateToken}",
                    content
                );
                return (int)response.StatusCode;
            })
        );

        Assert.That(statuses.Where(status => status >= 500), Is.Empty);
        Assert.That(statuses.Count(status => status == 202), Is.InRange(1, Envelopes));
        Assert.That(await gateway.CountInboxRowsAsync(), Is.EqualTo(Envelopes));
    }
}
