using System.Net;
using System.Text;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Http;

/// <summary>
/// iSeller's event id: the unsigned <c>X-Event-Id</c> header by default, or always the body hash when the header
/// setting is emptied.
/// </summary>
public sealed class ISellerEventIdTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "{\"order_id\":\"o-id\",\"updated_at\":\"2026-12-04T11:00:00Z\"}"
    );

    [TestCase(null, HttpStatusCode.Accepted, 2)]
    [TestCase("", HttpStatusCode.Conflict, 1)]
    public async Task ResentWithOtherEventIdHeader_FollowsSetting(string? header, HttpStatusCode second, int rows)
    {
        var overrides = new Dictionary<string, string?>();
        if (header is not null)
        {
            overrides["RaffsSync:Providers:iseller:EventId:Header"] = header;
        }

        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var gateway = new GatewayFactory(database, Now, overrides);
        using var client = gateway.CreateClient();

        using var first = await client.SendAsync(Request("replay-1"));
        using var resent = await client.SendAsync(Request("replay-2"));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(resent.StatusCode, Is.EqualTo(second));
        Assert.That(await gateway.CountInboxRowsAsync(), Is.EqualTo(rows));
    }

    private static HttpRequestMessage Request(string eventId)
    {
        const string timestamp = "2026-12-04T12:00:00Z";
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/v1/iseller/order")
        {
            Content = new ByteArrayContent(Body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Add("Timestamp", timestamp);
        request.Headers.Add("Signature", Signer.ISeller(Signer.ISellerSecret, Body, timestamp));
        request.Headers.Add("X-Event-Id", eventId);
        return request;
    }
}
