using System.Net;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Http;

/// <summary>
/// 403 responses: a source outside the allow-list and a disabled provider.
/// </summary>
public sealed class AccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task SourceOutsideAllowList_Returns403()
    {
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        var overrides = new Dictionary<string, string?>
        {
            ["RaffsSync:Providers:takeapp:Verification:AllowedSources:0"] = "203.0.113.0/24",
        };
        await using var factory = new GatewayFactory(database, Now, overrides);
        using var client = factory.CreateClient();
        using var request = Signer.TakeAppRequest("msg_source", Signer.TakeAppOrderBody("ord_1"), Now);

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"reason\":\"source_not_allowed\""));
        Assert.That(await factory.CountInboxRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task DisabledProvider_Returns403ForPostAnd404ForHealth()
    {
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        var overrides = new Dictionary<string, string?> { ["RaffsSync:Providers:takeapp:Enabled"] = "false" };
        await using var factory = new GatewayFactory(database, Now, overrides);
        using var client = factory.CreateClient();
        using var request = Signer.TakeAppRequest("msg_disabled", Signer.TakeAppOrderBody("ord_1"), Now);

        using var post = await client.SendAsync(request);
        using var health = await client.GetAsync("/webhooks/v1/takeapp");

        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await post.Content.ReadAsStringAsync(), Does.Contain("\"reason\":\"provider_disabled\""));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await factory.CountInboxRowsAsync(), Is.Zero);
    }
}
