using System.Globalization;
using System.Net;
using System.Text;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Http;

/// <summary>
/// A provider configured for form-encoded bodies: the signature covers the raw bytes, which are stored unchanged.
/// </summary>
public sealed class FormEncodedTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task FormBody_IsVerifiedAndStoredAsSent()
    {
        var overrides = new Dictionary<string, string?>
        {
            ["RaffsSync:Providers:formsender:Verification:Scheme"] = "standard-webhooks",
            ["RaffsSync:Providers:formsender:Verification:Secrets:0"] = Signer.TakeAppSecret,
            ["RaffsSync:Providers:formsender:EventId:Header"] = "webhook-id",
            ["RaffsSync:Providers:formsender:MediaTypes:0"] = "application/x-www-form-urlencoded",
        };
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var gateway = new GatewayFactory(database, Now, overrides);
        using var client = gateway.CreateClient();
        var body = Encoding.ASCII.GetBytes("amount=10%2C5&note=caf%C3%A9+%2B+tea&empty=");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/v1/formsender/payment")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation(
            "Content-Type",
            "application/x-www-form-urlencoded; charset=utf-8"
        );
        request.Headers.Add("webhook-id", "form_1");
        request.Headers.Add("webhook-timestamp", Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(
            "webhook-signature",
            Signer.StandardWebhooks(Signer.TakeAppSecret, "form_1", Now.ToUnixTimeSeconds(), body)
        );

        using var response = await client.SendAsync(request);
        var stored = await gateway.ReadStoredBodiesAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(stored, Has.Count.EqualTo(1));
        Assert.That(stored[0], Is.EqualTo(body));
    }
}
