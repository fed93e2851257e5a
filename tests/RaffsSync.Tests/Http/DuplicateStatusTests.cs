using System.Net;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Http;

/// <summary>
/// Providers that treat every non-2xx as a failure can get 200 for duplicates instead of 409.
/// </summary>
public sealed class DuplicateStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task DuplicateWithStatus200_Returns200NamingDuplicate()
    {
        var overrides = new Dictionary<string, string?> { ["RaffsSync:Providers:takeapp:DuplicateStatus"] = "200" };
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var gateway = new GatewayFactory(database, Now, overrides);
        using var client = gateway.CreateClient();
        var body = Signer.TakeAppOrderBody("o_dup");

        using var first = await client.SendAsync(Signer.TakeAppRequest("msg_dup", body, Now));
        using var second = await client.SendAsync(Signer.TakeAppRequest("msg_dup", body, Now));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(
            await second.Content.ReadAsStringAsync(),
            Is.EqualTo("{\"status\":\"duplicate\",\"eventId\":\"msg_dup\",\"reason\":\"duplicate\"}")
        );
        Assert.That(await gateway.CountInboxRowsAsync(), Is.EqualTo(1));
    }

    [TestCase(null, HttpStatusCode.Conflict)]
    [TestCase("409", HttpStatusCode.Conflict)]
    [TestCase("200", HttpStatusCode.OK)]
    public async Task GenericProviderRedelivery_GetsConfiguredStatus(string? duplicateStatus, HttpStatusCode expected)
    {
        var fixture = FixtureFile.Load("schemes.json");
        var delivery = fixture.Cases.Single(c => c.Name == "github hmac");
        var overrides = new Dictionary<string, string?>
        {
            ["RaffsSync:Providers:github:DuplicateStatus"] = duplicateStatus,
        };
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var factory = new GatewayFactory(database, fixture.At, overrides);
        using var client = factory.CreateClient();

        using var first = await client.SendAsync(delivery.Request.ToHttpRequest());
        using var second = await client.SendAsync(delivery.Request.ToHttpRequest());
        var body = await second.Content.ReadAsStringAsync();

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(second.StatusCode, Is.EqualTo(expected), body);
        Assert.That(body, Does.Contain("\"reason\":\"duplicate\""));
        Assert.That(await factory.CountInboxRowsAsync(), Is.EqualTo(1));
    }
}
