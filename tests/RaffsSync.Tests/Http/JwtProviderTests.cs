using System.Net;
using System.Text;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Http;

/// <summary>
/// A provider on the <c>jwt</c> scheme, configured only by settings, with its JWKS served on 127.0.0.1.
/// </summary>
public sealed class JwtProviderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly TestTokens.RsaKey Key = TestTokens.NewRsaKey("gateway-key");

    [Test]
    public async Task ValidToken_IsQueuedAndStored()
    {
        await using var server = await JwksServer.StartAsync();
        server.Document = TestTokens.Jwks(Key);
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var factory = new GatewayFactory(database, Now, Settings(server));
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Delivery(TestTokens.Create(Key.SecurityKey, Now)));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body);
        Assert.That(body, Does.Contain("\"eventId\":\"evt_jwt_1\""));
        Assert.That(await factory.CountInboxRowsAsync(), Is.EqualTo(1));
        Assert.That(server.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task ExpiredToken_Is401()
    {
        await using var server = await JwksServer.StartAsync();
        server.Document = TestTokens.Jwks(Key);
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var factory = new GatewayFactory(database, Now, Settings(server));
        using var client = factory.CreateClient();
        var token = TestTokens.Create(Key.SecurityKey, Now.AddHours(-2));

        using var response = await client.SendAsync(Delivery(token));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body, Does.Contain("\"reason\":\"token_expired\""));
        Assert.That(await factory.CountInboxRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task JwksUnreachable_Is500SoTheSenderRetries()
    {
        await using var server = await JwksServer.StartAsync();
        server.StatusCode = 503;
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var factory = new GatewayFactory(database, Now, Settings(server));
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Delivery(TestTokens.Create(Key.SecurityKey, Now)));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(body, Does.Contain("\"reason\":\"internal_error\""));
        Assert.That(await factory.CountInboxRowsAsync(), Is.Zero);
    }

    private static Dictionary<string, string?> Settings(JwksServer server) =>
        new()
        {
            ["RaffsSync:Providers:oauthdemo:Verification:Scheme"] = "jwt",
            ["RaffsSync:Providers:oauthdemo:Verification:Issuer"] = TestTokens.Issuer,
            ["RaffsSync:Providers:oauthdemo:Verification:Audience"] = TestTokens.Audience,
            ["RaffsSync:Providers:oauthdemo:Verification:JwksUrl"] = server.Url.ToString(),
            ["RaffsSync:Providers:oauthdemo:EventId:JsonPointer"] = "/id",
        };

    private static HttpRequestMessage Delivery(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/v1/oauthdemo")
        {
            Content = new StringContent("""{"id":"evt_jwt_1","type":"sync.done"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return request;
    }
}
